using System.Text.RegularExpressions;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// Every public operation of the Nextcloud provider, of the Files tab over it, of the accounts and token
/// provider and of the setup validation, as a table a hostile-server test runs one by one against a
/// <see cref="HostileApp"/>. Linking operations check on their own that a failure linked nothing.
/// </summary>
internal static partial class HostileOperations
{
    private static readonly StoragePath Folder = StoragePath.Parse("/Project Docs");

    public static IReadOnlyList<(string Name, Func<HostileApp, CancellationToken, Task> Run)> All { get; } =
    [
        ("ListFolderAsync", (app, ct) => app.Files.ListFolderAsync(Actor, Folder, ct)),
        ("EnumerateFolderAsync", async (app, ct) =>
        {
            await foreach (var _ in app.Files.EnumerateFolderAsync(Actor, Folder, ct))
            {
            }
        }),
        ("GetPathToIdMapAsync", (app, ct) => app.Files.GetPathToIdMapAsync(Actor, Folder, cancellationToken: ct)),
        ("GetFileInfoAsync", (app, ct) => app.Files.GetFileInfoAsync(Actor, new FileId("39"), ct)),
        ("GetFileInfosAsync", (app, ct) => app.Files.GetFileInfosAsync(Actor, [new FileId("35"), new FileId("36")], ct)),
        ("GetDownloadLinkAsync", (app, ct) => app.Files.GetDownloadLinkAsync(Actor, new FileId("39"), ct)),
        ("OpenReadAsync", async (app, ct) => await (await app.Files.OpenReadAsync(Actor, new FileId("39"), ct)).DisposeAsync()),
        ("CreateFolderAsync", (app, ct) => app.Files.CreateFolderAsync(Actor, Folder, "New", ct)),
        ("MoveAsync", (app, ct) => app.Files.MoveAsync(Actor, StoragePath.Parse("/Project Docs/a.txt"), StoragePath.Parse("/Project Docs/b.txt"), ct)),
        ("DeleteAsync", (app, ct) => app.Files.DeleteAsync(Actor, StoragePath.Parse("/Project Docs/a.txt"), ct)),
        ("UploadAsync", (app, ct) => app.Files.UploadAsync(Actor, Folder, "new.txt", new MemoryStream([1, 2, 3]), NameConflictPolicy.Overwrite, ct)),
        ("CreateUploadLinkAsync", (app, ct) => app.Files.CreateUploadLinkAsync(Actor, new FileId("34"), "report.pdf", NameConflictPolicy.Fail, ct)),
        ("GetConnectionStateAsync", (app, ct) => app.Files.GetConnectionStateAsync(HostileApp.Alice, ct)),
        ("FileLinkService.ListFileLinksAsync", (app, ct) => app.FileLinks.ListFileLinksAsync(HostileApp.Alice, HostileApp.WorkPackage, ct)),
        ("FileLinkService.LinkFilesAsync", (app, ct) => LinksNothingOnFailureAsync(app, () => app.FileLinks.LinkFilesAsync(HostileApp.Alice, HostileApp.WorkPackage, HostileApp.Storage, [new FileId("39")], ct))),
        ("FileLinkService.UploadAndLinkAsync", (app, ct) => LinksNothingOnFailureAsync(app, () => app.FileLinks.UploadAndLinkAsync(HostileApp.Alice, HostileApp.WorkPackage, HostileApp.Storage, Folder, new FileUpload { FileName = "up.txt", Content = new MemoryStream([1]) }, NameConflictPolicy.Overwrite, ct))),
        ("FileLinkService.GetDownloadLinkAsync", async (app, ct) => await app.FileLinks.GetDownloadLinkAsync(HostileApp.Alice, app.Links.All[0].Id, ct)),
        ("NextcloudProjectFolderStorage.ReadManagedRootAsync", (app, ct) => app.ProjectFolders.ReadManagedRootAsync(ct)),
        ("NextcloudProjectFolderStorage.CreateFolderAsync", (app, ct) => app.ProjectFolders.CreateFolderAsync("Apollo (1)", ct)),
        ("NextcloudProjectFolderStorage.RenameFolderAsync", (app, ct) => app.ProjectFolders.RenameFolderAsync(new FileId("101"), "Apollo (1)", "Apollo 2 (1)", ct)),
        ("NextcloudProjectFolderStorage.GetAccessRulesAsync", (app, ct) => app.ProjectFolders.GetAccessRulesAsync(new FileId("101"), ProjectFolder, ct)),
        ("NextcloudProjectFolderStorage.SetAccessRulesAsync", (app, ct) => app.ProjectFolders.SetAccessRulesAsync(new FileId("101"), ProjectFolder, [new FolderAccessRule(FolderAccessTarget.User, "bob", StoragePermissions.Read)], ct)),
        ("NextcloudProjectFolderStorage.GetGroupMembersAsync", (app, ct) => app.ProjectFolders.GetGroupMembersAsync("OpenProject", ct)),
        ("NextcloudProjectFolderStorage.AddGroupMemberAsync", (app, ct) => app.ProjectFolders.AddGroupMemberAsync("OpenProject", "bob", ct)),
        ("NextcloudProjectFolderStorage.RemoveGroupMemberAsync", (app, ct) => app.ProjectFolders.RemoveGroupMemberAsync("OpenProject", "bob", ct)),
        ("StorageSetupValidation.ValidateAsync", (app, ct) => app.Setup.ValidateAsync(HostileApp.Storage, null, ct)),
        ("NextcloudAccounts.GetConnectionStateAsync", (app, ct) => app.Accounts.GetConnectionStateAsync(HostileApp.Storage, HostileApp.Alice, ct)),
        ("NextcloudAccounts.CompleteConnectAsync", ConnectBobAsync),
        ("NextcloudAccessTokenProvider refresh", RefreshAliceAsync),
    ];

    private static readonly StoragePath ProjectFolder = StoragePath.Parse("/OpenProject/Apollo (1)");

    private static StorageActor Actor => StorageActor.ForUser(HostileApp.Alice);

    /// <summary>
    /// The rule of docs/permissions-and-errors.md, "What a public method can throw", for calls that make no
    /// caller mistake and ask for no cancellation: only <see cref="StorageException"/>. <see cref="ArgumentException"/>
    /// is not allowed here, because it would be the BCL's <see cref="ArgumentOutOfRangeException"/> for a server value.
    /// </summary>
    public static bool IsAllowed(Exception? error) => error is null or StorageException;

    public static async Task<Exception?> RunAsync(Func<HostileApp, CancellationToken, Task> operation, HostileApp app, CancellationToken cancellationToken)
    {
        try
        {
            await operation(app, cancellationToken);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task LinksNothingOnFailureAsync(HostileApp app, Func<Task> link)
    {
        var before = app.Links.All.Count;
        try
        {
            await link();
        }
        catch (Exception)
        {
            Assert.Equal(before, app.Links.All.Count);
            throw;
        }
    }

    private static async Task ConnectBobAsync(HostileApp app, CancellationToken cancellationToken)
    {
        var request = await app.Accounts.BeginConnectAsync(HostileApp.Storage, HostileApp.Bob, cancellationToken: cancellationToken);
        var state = Uri.UnescapeDataString(StateParameter().Match(request.AuthorizationUri.Query).Groups[1].Value);
        var callback = new Uri(HostileApp.RedirectUri + "?state=" + Uri.EscapeDataString(state) + "&code=c0de");
        await app.Accounts.CompleteConnectAsync(HostileApp.Bob, StorageConnectCallback.FromUrl(callback), cancellationToken);
    }

    /// <summary>Refreshes alice's expired token; Nextcloud rotates her refresh token whatever else its answer holds.</summary>
    private static async Task RefreshAliceAsync(HostileApp app, CancellationToken cancellationToken)
    {
        await app.ExpireAliceAsync();
        try
        {
            // As the credentials handler does after a 401: this process may still hold the old token in its cache.
            await app.Tokens.GetAccessTokenAsync(HostileApp.Storage, HostileApp.Alice, HostileApp.AccessToken, cancellationToken);
        }
        finally
        {
            var stored = await app.TokenStore.GetAsync(HostileApp.Storage, HostileApp.Alice, cancellationToken);
            Assert.Equal(app.ExpectedRefreshToken, stored?.Token.RefreshToken);
        }
    }

    [GeneratedRegex("[?&]state=([^&]+)")]
    private static partial Regex StateParameter();
}
