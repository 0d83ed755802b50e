namespace OpenProject.Storages.Nextcloud.Tests.Fixtures;

/// <summary>
/// Bodies in the shapes a real Nextcloud 27 (integration_openproject 2.8) sends, written for these tests
/// after the recordings: namespaces and prefixes, two propstats (200 and 404), Sabre errors, OCS envelopes.
/// </summary>
internal static class Recorded
{
    public const string InstanceId = "ockcsp661qa4";

    /// <summary>A depth-1 PROPFIND of <c>/Project Docs</c> for alice: the folder, then one file.</summary>
    public const string FolderListing =
        """
        <?xml version="1.0"?>
        <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:response><d:href>/remote.php/dav/files/alice/Project%20Docs/</d:href><d:propstat><d:prop><d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified><d:getetag>&quot;6b0b8076562ef&quot;</d:getetag><d:resourcetype><d:collection/></d:resourcetype><oc:fileid>34</oc:fileid><oc:id>00000034ockcsp661qa4</oc:id><oc:permissions>RGDNVCK</oc:permissions><oc:size>20</oc:size><oc:owner-display-name>Alice Example</oc:owner-display-name><nc:creation_time>0</nc:creation_time></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:getcontenttype/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response><d:response><d:href>/remote.php/dav/files/alice/Project%20Docs/hello%20world.txt</d:href><d:propstat><d:prop><d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified><d:getetag>&quot;5d303f8ea35d0f54789466fb1d081289&quot;</d:getetag><d:getcontenttype>text/plain</d:getcontenttype><d:resourcetype/><oc:fileid>35</oc:fileid><oc:id>00000035ockcsp661qa4</oc:id><oc:permissions>RGDNVW</oc:permissions><oc:size>20</oc:size><oc:owner-display-name>Alice Example</oc:owner-display-name><nc:creation_time>1700000000</nc:creation_time></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><nc:lock/><oc:foo-unknown/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response></d:multistatus>
        """;

    /// <summary>
    /// A depth-1 PROPFIND of a team folder's sub-folder by alice, an ACL manager (recording
    /// <c>gf_acl_propfind_manager_alice</c>): the folder with two rules on it, then a file that only inherits rules.
    /// </summary>
    public const string TeamFolderAclListing =
        """
        <?xml version="1.0"?>
        <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:response><d:href>/remote.php/dav/files/alice/Team%20Alpha/Restricted/</d:href><d:propstat><d:prop><d:displayname>Restricted</d:displayname><d:getlastmodified>Sun, 29 Nov 2026 01:31:56 GMT</d:getlastmodified><d:getetag>&quot;6b0b808c528ec&quot;</d:getetag><d:resourcetype><d:collection/></d:resourcetype><d:quota-used-bytes>11</d:quota-used-bytes><d:quota-available-bytes>1073741813</d:quota-available-bytes><oc:fileid>59</oc:fileid><oc:id>00000059ockcsp661qa4</oc:id><oc:permissions>RMGDNVCK</oc:permissions><oc:size>11</oc:size><oc:owner-id>alice</oc:owner-id><oc:owner-display-name>Alice Example</oc:owner-display-name><oc:share-types/><oc:favorite>0</oc:favorite><oc:data-fingerprint></oc:data-fingerprint><nc:has-preview>false</nc:has-preview><nc:mount-type>group</nc:mount-type><nc:creation_time>0</nc:creation_time><nc:is-encrypted>0</nc:is-encrypted><nc:contained-folder-count>0</nc:contained-folder-count><nc:contained-file-count>1</nc:contained-file-count><nc:acl-enabled>1</nc:acl-enabled><nc:acl-can-manage>1</nc:acl-can-manage><nc:acl-list><nc:acl><nc:acl-mapping-type>user</nc:acl-mapping-type><nc:acl-mapping-id>bob</nc:acl-mapping-id><nc:acl-mapping-display-name>Bob Example</nc:acl-mapping-display-name><nc:acl-mask>31</nc:acl-mask><nc:acl-permissions>1</nc:acl-permissions></nc:acl><nc:acl><nc:acl-mapping-type>group</nc:acl-mapping-type><nc:acl-mapping-id>project-team</nc:acl-mapping-id><nc:acl-mapping-display-name>project-team</nc:acl-mapping-display-name><nc:acl-mask>2</nc:acl-mask><nc:acl-permissions>2</nc:acl-permissions></nc:acl></nc:acl-list><nc:inherited-acl-list/><nc:group-folder-id>2</nc:group-folder-id></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:getcontenttype/><d:getcontentlength/><oc:checksums/><nc:upload_time/><nc:lock/><nc:rich-workspace/><oc:foo-unknown/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response><d:response><d:href>/remote.php/dav/files/alice/Team%20Alpha/Restricted/plan.txt</d:href><d:propstat><d:prop><d:displayname>plan.txt</d:displayname><d:getlastmodified>Sun, 29 Nov 2026 01:31:56 GMT</d:getlastmodified><d:getetag>&quot;c428e7de412688a009f31f651cde892b&quot;</d:getetag><d:getcontenttype>text/plain</d:getcontenttype><d:getcontentlength>11</d:getcontentlength><d:resourcetype/><oc:fileid>60</oc:fileid><oc:id>00000060ockcsp661qa4</oc:id><oc:permissions>RMGDNVW</oc:permissions><oc:size>11</oc:size><oc:owner-id>alice</oc:owner-id><oc:owner-display-name>Alice Example</oc:owner-display-name><oc:share-types/><oc:favorite>0</oc:favorite><oc:data-fingerprint></oc:data-fingerprint><nc:has-preview>true</nc:has-preview><nc:mount-type>group</nc:mount-type><nc:creation_time>0</nc:creation_time><nc:upload_time>1795915916</nc:upload_time><nc:acl-enabled>1</nc:acl-enabled><nc:acl-can-manage>1</nc:acl-can-manage><nc:inherited-acl-list><nc:acl><nc:acl-mapping-type>user</nc:acl-mapping-type><nc:acl-mapping-id>bob</nc:acl-mapping-id><nc:acl-mapping-display-name>Bob Example</nc:acl-mapping-display-name><nc:acl-mask>31</nc:acl-mask><nc:acl-permissions>1</nc:acl-permissions></nc:acl><nc:acl><nc:acl-mapping-type>group</nc:acl-mapping-type><nc:acl-mapping-id>project-team</nc:acl-mapping-id><nc:acl-mapping-display-name>project-team</nc:acl-mapping-display-name><nc:acl-mask>2</nc:acl-mask><nc:acl-permissions>31</nc:acl-permissions></nc:acl></nc:inherited-acl-list><nc:group-folder-id>2</nc:group-folder-id></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:quota-used-bytes/><d:quota-available-bytes/><oc:checksums/><nc:is-encrypted/><nc:lock/><nc:rich-workspace/><nc:contained-folder-count/><nc:contained-file-count/><nc:acl-list/><oc:foo-unknown/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response></d:multistatus>
        """;

    /// <summary>One response for <paramref name="href"/>: a file or a folder, with a 404 propstat.</summary>
    public static string Response(string href, long fileId, bool folder, string permissions = "RGDNVW", string contentType = "text/plain", long size = 20) =>
        $"""<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified><d:resourcetype>{(folder ? "<d:collection/>" : "")}</d:resourcetype>{(folder ? "" : $"<d:getcontenttype>{contentType}</d:getcontenttype>")}<oc:fileid>{fileId}</oc:fileid><oc:id>{fileId:D8}{InstanceId}</oc:id><oc:permissions>{permissions}</oc:permissions><oc:size>{size}</oc:size><oc:owner-display-name>Alice Example</oc:owner-display-name></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop>{(folder ? "<d:getcontenttype/>" : "")}<nc:acl-list/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>""";

    public static string MultiStatus(params string[] responses) =>
        """<?xml version="1.0"?>""" + "\n" + """<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">""" + string.Concat(responses) + "</d:multistatus>";

    public static string SabreError(string exception, string message) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
          <s:exception>Sabre\DAV\Exception\{exception}</s:exception>
          <s:message>{message}</s:message>
        </d:error>
        """;

    public const string NotAuthenticated =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
          <s:exception>Sabre\DAV\Exception\NotAuthenticated</s:exception>
          <s:message>No public access to this resource., No 'Authorization: Basic' header found. Either the client didn't send one, or the server is misconfigured, Bearer token was incorrect, No 'Authorization: Basic' header found. Either the client didn't send one, or the server is misconfigured</s:message>
        </d:error>
        """;

    /// <summary>A 500 whose <c>s:exception</c> is not a class name and whose message spans lines (sync_service_root_read_failure).</summary>
    public const string InternalServerError =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
        	<s:exception>Internal Server Error</s:exception>
        	<s:message>
        		The server was unable to complete your request.		If this happens again, please send the technical details below to the server administrator.		More details can be found in the server log.			</s:message>

        	<s:technical-details>
        		<s:remote-address>127.0.0.1</s:remote-address>
        		<s:request-id>L0ofwugXtxKf7tEqEnOJ</s:request-id>

        		</s:technical-details>
        </d:error>
        """;

    public const string FileInfoV1 =
        """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{"status":"OK","statuscode":200,"id":39,"name":"hello world.txt","mtime":1795915899,"ctime":0,"mimetype":"text\/plain","size":20,"owner_name":"Alice Example","owner_id":"alice","modifier_name":null,"modifier_id":null,"dav_permissions":"RGDNVW","path":"files\/Project Docs\/hello world.txt"}}}""";

    public const string FileInfoFolderV1 =
        """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{"status":"OK","statuscode":200,"id":350,"name":"\u00dcml\u00e6\u00fbts","mtime":1795915901,"ctime":1690000000,"mimetype":"application\/x-op-directory","size":20,"owner_name":"Alice Example","owner_id":"alice","modifier_name":"Bob B.","modifier_id":"bob","dav_permissions":"RGDNVCK","path":"files\/\u00dcml\u00e6\u00fbts\/"}}}""";

    public static string FileInfoV1Failure(int statusCode, string status) =>
        $$"""{"ocs":{"meta":{"status":"failure","statuscode":{{statusCode}},"message":"","totalitems":"","itemsperpage":""},"data":{"status":"{{status}}","statuscode":{{statusCode}}""" + "}}}";

    public static string OcsV1Failure(int statusCode, string message) =>
        $$$"""{"ocs":{"meta":{"status":"failure","statuscode":{{{statusCode}}},"message":"{{{message}}}","totalitems":"","itemsperpage":""},"data":[]}}""";

    public const string NotLoggedIn =
        """{"ocs":{"meta":{"status":"failure","statuscode":997,"message":"Current user is not logged in","totalitems":"","itemsperpage":""},"data":[]}}""";

    public const string AppDisabled =
        """{"ocs":{"meta":{"status":"failure","statuscode":996,"message":"Internal Server Error\n","totalitems":"","itemsperpage":""},"data":[]}}""";

    /// <summary>What Nextcloud answers when the integration app is disabled: OCS XML with 998 (file_info_query_xml_response).</summary>
    public const string OcsXmlInvalidQuery =
        """
        <?xml version="1.0"?>
        <ocs>
         <meta>
          <status>failure</status>
          <statuscode>998</statuscode>
          <message>Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.
        </message>
          <totalitems></totalitems>
          <itemsperpage></itemsperpage>
         </meta>
         <data/>
        </ocs>
        """;

    public const string FilesInfoMixed =
        """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{"182":{"status":"Forbidden","statuscode":403},"1234":{"status":"Not Found","statuscode":404},"222":{"status":"OK","statuscode":200,"id":222,"name":"Screenshot 2023-08-15 at 3.00.54 PM.jpg","mtime":1692187580,"ctime":0,"mimetype":"image\/jpeg","size":81944,"owner_name":"member","owner_id":"member","trashed":false,"modifier_name":null,"modifier_id":null,"dav_permissions":"RMGDNVW","path":"files\/OpenProject\/Scrum project (2)\/Screenshot 2023-08-15 at 3.00.54 PM.jpg"}}}}""";

    public static string FilesInfoEntry(long id) =>
        "\"" + id + "\":" + $$"""{"status":"OK","statuscode":200,"id":{{id}},"name":"file {{id}}.txt","mtime":1795915899,"ctime":0,"mimetype":"text\/plain","size":{{id}},"owner_name":"Alice Example","owner_id":"alice","modifier_name":null,"modifier_id":null,"dav_permissions":"RGDNVW","path":"files\/Docs\/file {{id}}.txt"}""";

    public const string DirectDownload =
        """{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":{"url":"https:\/\/cloud.example.com\/remote.php\/direct\/ZEouIQSGO3KQrI94cP5WgjnQKYna8rSACeWvbtYy5Fldw541Aknlj20fjF5e"}}}""";

    public const string DirectDownloadFolder =
        """{"ocs":{"meta":{"status":"failure","statuscode":400,"message":"Direct download only works for files"},"data":[]}}""";

    public const string DirectDownloadMissing =
        """{"ocs":{"meta":{"status":"failure","statuscode":404,"message":""},"data":[]}}""";

    public const string UploadToken =
        """{"token":"Dnn6KzacPR8nYQc9i4kaL639skGxcinpzrJkwmJP5qr9dNrx9nXFMCJeJbN6H9Mb","expires_on":1795919507}""";

    public const string UploadTokenNotFound = """{"error":"folder not found or not enough permissions"}""";

    public const string HtmlPage =
        """
        <!DOCTYPE html>
        <html class="ng-csp" data-placeholder-focus="false" lang="en" data-locale="en" translate="no" >
        	<head><meta charset="utf-8"><title>Nextcloud</title></head><body>Login</body>
        </html>
        """;
}
