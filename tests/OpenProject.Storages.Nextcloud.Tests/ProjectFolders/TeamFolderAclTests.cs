using System.Text;
using OpenProject.Storages.Nextcloud.ProjectFolders;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.WebDav;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.Tests.ProjectFolders;

public sealed class TeamFolderAclTests
{
    private static async Task<List<AclResource>> ReadAsync(string body, string user)
    {
        var list = new List<AclResource>();
        await foreach (var resource in MultiStatusParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), teamFolderProperties: true, TestContext.Current.CancellationToken))
        {
            list.Add(TeamFolderAcl.ToAclResource(resource, user));
        }

        return list;
    }

    private static string Rule(string type, string id, string mask, string permissions) =>
        $"<nc:acl><nc:acl-mapping-type>{type}</nc:acl-mapping-type><nc:acl-mapping-id>{id}</nc:acl-mapping-id><nc:acl-mapping-display-name>{id}</nc:acl-mapping-display-name><nc:acl-mask>{mask}</nc:acl-mask><nc:acl-permissions>{permissions}</nc:acl-permissions></nc:acl>";

    private static string Folder(params string[] rules) =>
        Recorded.MultiStatus($"<d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject/Demo%20%281%29/</d:href><d:propstat><d:prop><oc:fileid> 65 </oc:fileid><d:resourcetype><d:collection/></d:resourcetype><nc:acl-list>{string.Concat(rules)}</nc:acl-list></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");

    [Fact]
    public async Task A_recorded_acl_read_becomes_folder_access_rules_with_path_id_and_type()
    {
        var resources = await ReadAsync(Recorded.TeamFolderAclListing, "alice");

        var folder = resources[0];
        Assert.Equal(StoragePath.Root.Combine("Team Alpha").Combine("Restricted"), folder.Path);
        Assert.Equal(new FileId("59"), folder.Id);
        Assert.True(folder.IsCollection);
        Assert.Equal(200, folder.AclStatus);
        Assert.Equal(
            [new FolderAccessRule(FolderAccessTarget.User, "bob", StoragePermissions.Read, StoragePermissions.All), new FolderAccessRule(FolderAccessTarget.Group, "project-team", (StoragePermissions)2, (StoragePermissions)2)],
            folder.Rules);
        Assert.Empty(resources[1].Rules);
        Assert.Equal(404, resources[1].AclStatus);
    }

    [Fact]
    public async Task A_circle_rule_is_kept_as_an_other_rule_so_sync_can_replace_it_and_rules_without_an_id_are_left_out()
    {
        var resource = Assert.Single(await ReadAsync(Folder(Rule("circle", "c1", "31", "1"), Rule("user", " ", "31", "1"), Rule("user", "bob", " 31 ", "1")), "OpenProject"));

        Assert.Equal(new FileId("65"), resource.Id);
        Assert.Equal(
            [new FolderAccessRule(FolderAccessTarget.Other, "circle:c1", StoragePermissions.Read), new FolderAccessRule(FolderAccessTarget.User, "bob", StoragePermissions.Read, StoragePermissions.All)],
            resource.Rules);
    }

    [Fact]
    public void A_rule_of_another_kind_is_never_written() =>
        Assert.Throws<ArgumentException>(() => TeamFolderAcl.ProppatchBody([FolderAccessRule.ForUser("bob", StoragePermissions.Read), new FolderAccessRule(FolderAccessTarget.Other, "circle:c1", StoragePermissions.All)]));

    [Fact]
    public async Task A_rule_without_a_numeric_mask_is_an_unusable_entry() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(Folder(Rule("user", "bob", "all", "1")), "OpenProject"));
}
