namespace OpenProject.Storages.Nextcloud.Tests.Health;

/// <summary>
/// Answers in the shapes real servers sent (nextcloud-27 <c>status_php</c>, <c>ocs_capabilities_*</c>,
/// <c>ocs_cloud_user_me</c>, <c>apppw_use_after_delete_401</c>, <c>op_user_propfind_openproject_folder</c>
/// and OpenProject's <c>capabilities_*</c> cassettes), written for these tests.
/// </summary>
internal static class SetupResponses
{
    public static string Status(string version = "27.1.10.0", bool maintenance = false, bool installed = true, bool needsDbUpgrade = false) =>
        $$"""{"installed":{{Json(installed)}},"maintenance":{{Json(maintenance)}},"needsDbUpgrade":{{Json(needsDbUpgrade)}},"version":"{{version}}","versionstring":"{{version[..version.LastIndexOf('.')]}}","edition":"","productname":"Nextcloud","extendedSupport":false}""";

    /// <summary>Capabilities with the integration app's block, or without it (the app missing or disabled) when <paramref name="appVersion"/> is null.</summary>
    public static string Capabilities(string? appVersion = "2.8.1", string teamFoldersVersion = "15.3.13", bool teamFoldersEnabled = true)
    {
        var app = appVersion is null ? string.Empty : "\"" + $$"""integration_openproject":{"app_version":"{{appVersion}}","groupfolder_version":"{{teamFoldersVersion}}","groupfolders_enabled":{{Json(teamFoldersEnabled)}}},""";
        return """{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":{"version":{"major":27,"minor":1,"micro":10,"string":"27.1.10 RC1","edition":"","extendedSupport":false},"capabilities":{"bruteforce":{"delay":0,"allow-listed":false},"""
            + app + "\"theming\":{\"name\":\"Nextcloud\",\"url\":\"https:\\/\\/nextcloud.com\"}}}}}";
    }

    public static string CheckConfig(string? echoed) =>
        $$"""{"user_id":"","authorization_header":{{(echoed is null ? "\"\"" : "\"" + echoed + "\"")}}}""";

    public static string CurrentUser(string id) =>
        """{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":{"id":""" + "\"" + id + "\",\"displayname\":\"" + id + "\"" + ""","groups":["OpenProject"]}}}""";

    public const string Unauthorised =
        """
        <?xml version="1.0"?>
        <ocs>
         <meta>
          <status>failure</status>
          <statuscode>997</statuscode>
          <message>Unauthorised</message>
         </meta>
         <data/>
        </ocs>
        """;

    public const string ApacheNotFound = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";

    public const string LoginPortal = "<!DOCTYPE html><html><head><title>Sign in - Corporate Portal</title></head><body><form method=\"post\"><input name=\"user\"></form></body></html>";

    public const string TeamFolderNotFound =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
          <s:exception>Sabre\DAV\Exception\NotFound</s:exception>
          <s:message>File with name //OpenProject could not be located</s:message>
        </d:error>
        """;

    /// <summary>The team folder as the technical user sees it (depth 1), then one response per child (name, file id).</summary>
    public static string TeamFolder(bool groupMount = true, bool aclEnabled = true, bool aclCanManage = true, params (string Name, long Id)[] children)
    {
        var self = Entry("/remote.php/dav/files/OpenProject/OpenProject/", 62, groupMount, aclEnabled, aclCanManage);
        var rest = string.Concat(children.Select(c => Entry($"/remote.php/dav/files/OpenProject/OpenProject/{Uri.EscapeDataString(c.Name)}/", c.Id, groupMount, aclEnabled, aclCanManage)));
        return """<?xml version="1.0"?>""" + "\n" + """<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">""" + self + rest + "</d:multistatus>";
    }

    private static string Entry(string href, long id, bool groupMount, bool aclEnabled, bool aclCanManage) =>
        $"""<d:response><d:href>{href}</d:href><d:propstat><d:prop><oc:fileid>{id}</oc:fileid><nc:mount-type>{(groupMount ? "group" : "")}</nc:mount-type><nc:acl-enabled>{(aclEnabled ? "1" : "0")}</nc:acl-enabled><nc:acl-can-manage>{(aclCanManage ? "1" : "0")}</nc:acl-can-manage>{(groupMount ? "<nc:group-folder-id>1</nc:group-folder-id>" : "")}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><nc:acl-list/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>""";

    private static string Json(bool value) => value ? "true" : "false";
}
