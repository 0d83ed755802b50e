using System.Text;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>Answers of the <c>filesinfo</c> endpoint in Nextcloud's shape, shared by the in-memory and the loopback benchmarks.</summary>
internal static class FilesInfoAnswer
{
    /// <summary>The <c>filesinfo</c> answer for a request body <c>{"fileIds":[…]}</c>: every tenth id forbidden, the rest found.</summary>
    public static byte[] For(string requestBody)
    {
        var ids = requestBody[(requestBody.IndexOf('[', StringComparison.Ordinal) + 1)..requestBody.IndexOf(']', StringComparison.Ordinal)].Split(',');
        var builder = new StringBuilder("""{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{""");
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            builder.Append(i == 0 ? "" : ",").Append('"').Append(id).Append("\":");
            builder.Append(i % 10 == 9
                ? """{"status":"Forbidden","statuscode":403}"""
                : $$"""{"status":"OK","statuscode":200,"id":{{id}},"name":"Plan {{id}} ü.pdf","mtime":1795915899,"ctime":0,"mimetype":"application\/pdf","size":{{id}}00,"owner_name":"Alice Example","owner_id":"alice","modifier_name":null,"modifier_id":null,"dav_permissions":"RGDNVW","path":"files\/Project Docs\/Plan {{id}} \u00fc.pdf"}""");
        }

        return Encoding.UTF8.GetBytes(builder.Append("}}}").ToString());
    }
}
