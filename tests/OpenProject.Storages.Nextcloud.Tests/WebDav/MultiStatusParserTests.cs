using System.Text;
using System.Xml;
using OpenProject.Storages.Nextcloud.Files;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Tests.WebDav;

public sealed class MultiStatusParserTests
{
    private static async Task<List<DavResource>> ParseAsync(string body, bool teamFolderProperties = false)
    {
        var list = new List<DavResource>();
        await foreach (var resource in MultiStatusParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), teamFolderProperties, TestContext.Current.CancellationToken))
        {
            list.Add(resource);
        }

        return list;
    }

    [Fact]
    public async Task A_recorded_listing_gives_the_folder_first_then_its_children_with_props_from_200_propstats_only()
    {
        var resources = await ParseAsync(Recorded.FolderListing);

        Assert.Equal(2, resources.Count);
        var folder = resources[0];
        Assert.Equal("/remote.php/dav/files/alice/Project%20Docs/", folder.Href);
        Assert.Equal("34", folder.FileId);
        Assert.True(folder.IsCollection);
        Assert.Equal("RGDNVCK", folder.Permissions);
        Assert.Equal(20, folder.Size);
        Assert.True(folder.Missing.HasFlag(DavProperties.ContentType));
        Assert.Null(folder.ContentType);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 31, 34, TimeSpan.Zero), folder.LastModified);

        var file = resources[1];
        Assert.Equal("35", file.FileId);
        Assert.False(file.IsCollection);
        Assert.Equal("text/plain", file.ContentType);
        Assert.Equal("\"5d303f8ea35d0f54789466fb1d081289\"", file.ETag);
        Assert.Equal(1700000000, file.CreationTime);
    }

    [Fact]
    public async Task The_instance_suffixed_oc_id_is_never_taken_as_the_file_id()
    {
        var resources = await ParseAsync(Recorded.FolderListing);

        Assert.All(resources, r => Assert.DoesNotContain(Recorded.InstanceId, r.FileId, StringComparison.Ordinal));
        var item = StorageItemMapper.FromDav(resources[1], "alice");
        Assert.Equal(new FileId("35"), item.Id);
    }

    [Fact]
    public async Task Other_prefixes_and_a_default_namespace_are_read_by_namespace_not_by_prefix()
    {
        const string body =
            """
            <?xml version="1.0"?>
            <multistatus xmlns="DAV:" xmlns:x="http://owncloud.org/ns"><response><href>/remote.php/dav/files/alice/a.txt</href><propstat><status>HTTP/1.1 200 OK</status><prop><x:fileid>7</x:fileid><getcontenttype>text/plain</getcontenttype><resourcetype/></prop></propstat></response></multistatus>
            """;

        var resource = Assert.Single(await ParseAsync(body));

        Assert.Equal("7", resource.FileId);
        Assert.Equal("text/plain", resource.ContentType);
    }

    [Fact]
    public async Task A_property_with_the_right_name_in_a_foreign_namespace_is_ignored()
    {
        const string body =
            """
            <d:multistatus xmlns:d="DAV:" xmlns:evil="urn:evil"><d:response><d:href>/remote.php/dav/files/alice/a.txt</d:href><d:propstat><d:prop><evil:fileid>666</evil:fileid></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>
            """;

        var resource = Assert.Single(await ParseAsync(body));

        Assert.Null(resource.FileId);
    }

    [Fact]
    public async Task An_empty_multistatus_has_no_responses() =>
        Assert.Empty(await ParseAsync("""<d:multistatus xmlns:d="DAV:"/>"""));

    [Theory]
    [InlineData("""<d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/alice/</d:href><d:propstat><d:prop><oc:fileid xmlns:oc="http://owncloud.org/ns">2</oc:fileid>""")]
    [InlineData("""<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href></d:respons></d:multistatus>""")]
    [InlineData("""<d:multistatus xmlns:d="DAV:"><d:response><d:href>&unknown;</d:href></d:response></d:multistatus>""")]
    public async Task Malformed_or_truncated_bodies_throw_instead_of_giving_partial_results(string body) =>
        await Assert.ThrowsAsync<XmlException>(() => ParseAsync(body));

    [Fact]
    public async Task A_document_type_definition_is_refused()
    {
        const string body =
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <d:multistatus xmlns:d="DAV:"><d:response><d:href>&lol2;</d:href></d:response></d:multistatus>
            """;

        await Assert.ThrowsAsync<XmlException>(() => ParseAsync(body));
    }

    [Fact]
    public async Task A_body_that_is_not_a_multistatus_is_refused() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ParseAsync(Recorded.SabreError("NotFound", "File with name //x could not be located")));

    [Fact]
    public async Task Long_values_entities_and_values_split_across_text_nodes_read_exactly()
    {
        var longName = string.Concat(Enumerable.Repeat("Sehr%20lange%20%C3%9Cbersicht%20", 40)) + "end.txt";
        var owner = "Q&amp;A &lt;Team&gt; \u00fc";
        var body = Recorded.MultiStatus(
            $"""<d:response><d:href>  /remote.php/dav/files/alice/{longName}  </d:href><d:propstat><d:prop><d:getlastmodified> Sun, 29 Nov 2026 01:31:34 GMT </d:getlastmodified><d:getetag>&quot;abc&quot;</d:getetag><oc:fileid>7</oc:fileid><oc:size><![CDATA[12]]>34</oc:size><oc:permissions>RGD<!-- split -->NVW</oc:permissions><oc:owner-display-name>{owner}</oc:owner-display-name><nc:creation_time>1700000000</nc:creation_time></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>""",
            Recorded.Response("/remote.php/dav/files/alice/b.txt", 8, folder: false));

        var resources = await ParseAsync(body);

        var first = resources[0];
        Assert.Equal("/remote.php/dav/files/alice/" + longName, first.Href);
        Assert.Equal("\"abc\"", first.ETag);
        Assert.Equal(1234, first.Size);
        Assert.Equal("RGDNVW", first.Permissions);
        Assert.Equal("Q&A <Team> \u00fc", first.OwnerDisplayName);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 31, 34, TimeSpan.Zero), first.LastModified);
        Assert.Equal(1700000000, first.CreationTime);
        Assert.Equal(200, first.Status ?? 200);
        Assert.Equal("8", resources[1].FileId);
    }

    [Fact]
    public async Task Values_split_across_buffer_refills_are_read_asynchronously_and_exactly()
    {
        // A few bytes per read, and a synchronous read fails: values land in pieces across the
        // reader's refills, and every piece must still be read with an asynchronous read.
        var longName = string.Concat(Enumerable.Repeat("Sehr%20lange%20%C3%9Cbersicht%20%F0%9F%8D%91%20", 60)) + "end.txt";
        var owner = string.Concat(Enumerable.Repeat("Q&amp;A &lt;Team&gt; ü 🍑 ", 30));
        var body = Recorded.MultiStatus(
            $"""<d:response><d:href>/remote.php/dav/files/alice/{longName}</d:href><d:propstat><d:prop><d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified><d:getetag>&quot;abc&quot;</d:getetag><oc:fileid>7</oc:fileid><oc:size>1234</oc:size><oc:permissions>RGDNVW</oc:permissions><oc:owner-display-name>{owner}</oc:owner-display-name><d:getcontenttype>application/pdf</d:getcontenttype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><oc:foo/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>""",
            Recorded.Response("/remote.php/dav/files/alice/b.txt", 8, folder: false));

        var resources = new List<DavResource>();
        await foreach (var resource in MultiStatusParser.ParseAsync(Trickling(Encoding.UTF8.GetBytes(body)), TestContext.Current.CancellationToken))
        {
            resources.Add(resource);
        }

        var first = resources[0];
        Assert.Equal("/remote.php/dav/files/alice/" + longName, first.Href);
        Assert.Equal(System.Net.WebUtility.HtmlDecode(owner), first.OwnerDisplayName);
        Assert.Equal("\"abc\"", first.ETag);
        Assert.Equal(1234, first.Size);
        Assert.Equal("RGDNVW", first.Permissions);
        Assert.Equal("application/pdf", first.ContentType);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 31, 34, TimeSpan.Zero), first.LastModified);
        Assert.Equal(DavProperties.None, first.Missing);
        Assert.Equal("8", resources[1].FileId);
    }

    /// <summary>1 to 7 bytes per read, each read completing asynchronously.</summary>
    private static PieceStream Trickling(byte[] bytes)
    {
        var next = 1;
        return new PieceStream(bytes, () => next = next % 7 + 1, yieldEachRead: true);
    }

    [Fact]
    public async Task A_surrogate_pair_at_any_offset_in_a_value_reads_whole()
    {
        // Values are read in pieces of a few characters; a pair must neither split nor end a value early.
        for (var offset = 0; offset < 18; offset++)
        {
            var owner = new string('a', offset) + "\U0001F351b\U0001F351";
            var body = Recorded.MultiStatus(
                $"""<d:response><d:href>/remote.php/dav/files/alice/a.txt</d:href><d:propstat><d:prop><oc:owner-display-name>{owner}</oc:owner-display-name><d:getcontenttype>{owner}</d:getcontenttype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>""");

            var resource = Assert.Single(await ParseAsync(body));

            Assert.Equal(owner, resource.OwnerDisplayName);
            Assert.Equal(owner, resource.ContentType);
        }
    }

    [Fact]
    public async Task A_recorded_team_folder_read_gives_mount_type_acl_switches_and_the_rules_on_the_node_only()
    {
        var resources = await ParseAsync(Recorded.TeamFolderAclListing, teamFolderProperties: true);

        var folder = resources[0].TeamFolder!;
        Assert.Equal("group", folder.MountType);
        Assert.Equal("2", folder.GroupFolderId);
        Assert.True(folder.IsGroupMount);
        Assert.True(folder.AclEnabled);
        Assert.True(folder.AclCanManage);
        Assert.Equal(200, folder.AclListStatus);
        Assert.Equal([new DavAcl("user", "bob", "31", "1"), new DavAcl("group", "project-team", "2", "2")], folder.AclList);
        Assert.Equal("59", resources[0].FileId);
        Assert.True(resources[0].IsCollection);

        // The file has only inherited rules; its own nc:acl-list is in the 404 propstat.
        var file = resources[1];
        Assert.Empty(file.TeamFolder!.AclList);
        Assert.Equal(404, file.TeamFolder.AclListStatus);
        Assert.True(file.Missing.HasFlag(DavProperties.AclList));
        Assert.Equal(("60", "text/plain", 11L), (file.FileId, file.ContentType, file.Size));
    }

    [Fact]
    public async Task An_acl_list_refused_in_a_PROPPATCH_multistatus_keeps_its_status_code()
    {
        var resources = await ParseAsync(Recorded.MultiStatus("<d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject</d:href><d:propstat><d:prop><nc:acl-list/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat></d:response>"), teamFolderProperties: true);

        var acl = Assert.Single(resources).TeamFolder!;
        Assert.Equal(403, acl.AclListStatus);
        Assert.Empty(acl.AclList);
        Assert.True(resources[0].Missing.HasFlag(DavProperties.AclList));
    }

    [Fact]
    public async Task A_team_folder_property_in_a_404_propstat_reads_as_off_not_as_a_stale_value()
    {
        var body = Recorded.MultiStatus("<d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject/</d:href><d:propstat><d:prop><nc:mount-type>group</nc:mount-type><nc:acl-enabled>1</nc:acl-enabled></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><nc:acl-can-manage/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>"
            + "<d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject/x/</d:href><d:propstat><d:prop><nc:acl-can-manage>1</nc:acl-can-manage></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>");

        var resources = await ParseAsync(body, teamFolderProperties: true);

        Assert.True(resources[0].TeamFolder!.AclEnabled);
        Assert.False(resources[0].TeamFolder!.AclCanManage);
        Assert.True(resources[0].Missing.HasFlag(DavProperties.AclCanManage));
        Assert.Null(resources[1].TeamFolder);
    }

    [Fact]
    public async Task A_listing_skips_team_folder_properties_even_an_acl_list_reported_missing()
    {
        var resources = await ParseAsync(Recorded.TeamFolderAclListing);

        Assert.All(resources, resource => Assert.Null(resource.TeamFolder));
        Assert.False(resources[1].Missing.HasFlag(DavProperties.AclList));
        Assert.Equal(["59", "60"], resources.Select(resource => resource.FileId));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK", 200)]
    [InlineData("HTTP/1.1 404 Not Found", 404)]
    [InlineData("  HTTP/1.1 403 Forbidden ", 403)]
    [InlineData("HTTP/1.1 507", 507)]
    public void Status_lines_give_their_code(string line, int code) => Assert.Equal(code, MultiStatusParser.ParseStatus(Encoding.UTF8.GetBytes(line)));
}
