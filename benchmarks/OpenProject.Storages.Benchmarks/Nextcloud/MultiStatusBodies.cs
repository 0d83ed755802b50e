using System.Globalization;
using System.Text;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// 207 bodies in Nextcloud's shape: the prop set the provider asks for, two propstats per response
/// (200 and 404), awkward names (spaces, +, #, %, umlauts, emoji, Cyrillic) escaped per segment.
/// </summary>
public static class MultiStatusBodies
{
    private static readonly string[] Names = ["Plan ü+#1 %.pdf", "🍑 Pfürsich.txt", "Отчёт 2024.docx", "a+b c (2).md", "Screenshot 2023-08-15 at 3.00.54 PM.jpg"];

    public static byte[] Create(int entries)
    {
        var builder = new StringBuilder(entries * 900);
        builder.Append("""<?xml version="1.0"?>""").Append('\n')
            .Append("""<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">""");
        Append(builder, "/remote.php/dav/files/alice/Project%20Docs/", 34, folder: true, "RGDNVCK");
        for (var i = 1; i < entries; i++)
        {
            var name = Names[i % Names.Length].Replace(".", string.Create(CultureInfo.InvariantCulture, $" {i}."), StringComparison.Ordinal);
            Append(builder, "/remote.php/dav/files/alice/Project%20Docs/" + Uri.EscapeDataString(name), 1000 + i, folder: i % 10 == 0, i % 3 == 0 ? "SRGNVW" : "RGDNVW");
        }

        builder.Append("</d:multistatus>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Append(StringBuilder builder, string href, long id, bool folder, string permissions)
    {
        builder.Append("<d:response><d:href>").Append(href).Append("</d:href><d:propstat><d:prop>")
            .Append("<oc:fileid>").Append(id).Append("</oc:fileid>")
            .Append("<oc:size>").Append(id * 7).Append("</oc:size>");
        if (!folder)
        {
            builder.Append("<d:getcontenttype>application/pdf</d:getcontenttype>");
        }

        builder.Append("<d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified>")
            .Append("<d:resourcetype>").Append(folder ? "<d:collection/>" : string.Empty).Append("</d:resourcetype>")
            .Append("<d:getetag>&quot;5d303f8ea35d0f54789466fb1d08").Append(id).Append("&quot;</d:getetag>")
            .Append("<oc:permissions>").Append(permissions).Append("</oc:permissions>")
            .Append("<oc:owner-display-name>Alice Example</oc:owner-display-name>")
            .Append("<nc:creation_time>0</nc:creation_time>")
            .Append("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop>")
            .Append(folder ? "<d:getcontenttype/>" : string.Empty)
            .Append("<nc:acl-list/><oc:foo-unknown/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>");
    }
}
