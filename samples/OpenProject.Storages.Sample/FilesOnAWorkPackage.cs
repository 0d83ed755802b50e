using System.Text;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>Connect, browse, upload and link, link a folder, the Files tab, reverse lookup, unlink, and the logged-out view.</summary>
internal static class FilesOnAWorkPackage
{
    public static async Task RunAsync(Story story, InMemoryFileStorage storage, FileLinkService files, NextcloudAccounts accounts, NextcloudOAuthStandIn nextcloud)
    {
        var alice = InMemoryWorld.Alice;
        var workPackage = InMemoryWorld.WorkPackage;

        story.Step("1. Alice and Bob connect their accounts to Nextcloud (OAuth2 authorization code with PKCE)");
        foreach (var (user, nextcloudUser) in new[] { (alice, "alice"), (InMemoryWorld.Bob, "bob") })
        {
            var before = await accounts.GetConnectionStateAsync(storage.Id, user);
            var request = await accounts.BeginConnectAsync(storage.Id, user);
            var callback = nextcloud.Approve(request.AuthorizationUri, nextcloudUser);
            var connection = await accounts.CompleteConnectAsync(user, StorageConnectCallback.FromUrl(callback));
            var after = await accounts.GetConnectionStateAsync(storage.Id, user);

            // The in-memory storage trusts the identity the OAuth flow established.
            storage.Connect(user, connection.StorageUserId);
            story.Say($"{user}: {before} → redirected to {request.AuthorizationUri.GetLeftPart(UriPartial.Path)} → {after} as Nextcloud user '{connection.StorageUserId}'");
            story.Expect(before == StorageConnectionState.LoginRequired && after == StorageConnectionState.Ready, $"{user} goes from login required to connected");
        }

        story.Say("Carol has not connected her account.");

        story.Step("2. Alice browses to a folder");
        var listing = await storage.ListFolderAsync(StorageActor.ForUser(alice), StoragePath.Parse("/Projects/Apollo"));
        var breadcrumb = string.Join(" › ", listing.Ancestors.Select(path => path.IsRoot ? "Root" : path.Name).Append(listing.Folder.Name));
        story.Say($"Breadcrumb: {breadcrumb}");
        foreach (var child in listing.Children)
        {
            story.Say($"{(child.IsFolder ? "[folder]" : "        ")} {child.Name}");
        }

        story.Expect(breadcrumb == "Root › Projects › Apollo", "the breadcrumb is Root › Projects › Apollo");
        story.Expect(listing.Children.Count == 3 && listing.Children[0].IsFolder, "three children, folders first");

        story.Step("3. Alice uploads two files into it and links them to work package #1234 in one step");
        var uploads = await files.UploadAndLinkManyAsync(
            alice,
            workPackage,
            storage.Id,
            listing.Folder.Location,
            [Upload("Meeting notes.md", "# Kick-off"), Upload("Plan ü+#.pdf", "%PDF-1.7")]);
        foreach (var upload in uploads)
        {
            story.Say($"{upload.FileName}: {(upload.Succeeded ? $"stored as file {upload.Link!.OriginId} and linked" : upload.Error!.Message)}");
        }

        story.Expect(uploads.All(upload => upload.Succeeded), "both uploads are stored and linked");

        story.Step("4. Alice links an existing folder and two existing files");
        var designs = listing.Children.Single(child => child.Name == "Designs");
        var draft = listing.Children.Single(child => child.Name == "Old draft.docx");
        var salaries = storage.Find(StoragePath.Parse("/HR/Salaries.xlsx"))!;
        var linked = await files.LinkFilesAsync(alice, workPackage, storage.Id, [designs.Id, draft.Id, salaries.Id]);
        story.Say(string.Join(", ", linked.Select(link => $"{link.Origin.Name} ({link.Origin.MimeType})")));
        story.Expect(linked.Count == 3 && linked[0].Origin.MimeType == StorageItem.FolderMimeType, "the folder and both files are linked, the folder with the folder type");

        story.Step("5. Someone deletes the old draft in Nextcloud; Bob opens the Files tab");
        await storage.DeleteAsync(StorageActor.ForUser(alice), draft.Location);
        var tab = await files.ListFileLinksAsync(InMemoryWorld.Bob, workPackage);
        var section = tab.Storages.Single();
        story.Say($"{section.ProductName}: {section.State}");
        foreach (var entry in section.Links)
        {
            story.Say($"{Describe(entry.Status),-12} {entry.Link.Origin.Name,-20} modified {entry.Link.Origin.LastModifiedAt:yyyy-MM-dd} by {entry.Link.Origin.LastModifiedByName ?? entry.Link.Origin.CreatedByName}");
        }

        story.Expect(section.State == StorageConnectionState.Ready, "the storage is ready for Bob");
        story.Expect(StatusOf(section, "Old draft.docx") == FileLinkStatus.NotFound, "the deleted draft is shown as not found");
        story.Expect(StatusOf(section, "Salaries.xlsx") == FileLinkStatus.NotAllowed, "the salaries Bob may not see are shown as not allowed, with their cached name");
        story.Expect(StatusOf(section, "Designs") == FileLinkStatus.Available, "the folder is available");

        story.Step("6. Which work packages link the meeting notes? (the reverse lookup)");
        var notes = uploads[0].Link!;
        var reverse = await files.ListLinksToFileAsync(alice, storage.Id, notes.OriginId);
        story.Say(string.Join(", ", reverse.Select(link => link.Container.ToString())));
        story.Expect(reverse.Count == 1 && reverse[0].Container == workPackage, "the notes are linked to work package #1234 only");

        story.Step("7. Alice unlinks the notes: the link goes, the file stays");
        await files.UnlinkAsync(alice, notes.Id);
        var stillThere = storage.Find(notes.OriginId);
        story.Say($"link removed; file in Nextcloud: {stillThere?.Location.ToString() ?? "(gone!)"}");
        story.Expect(stillThere is not null, "the file is still in the storage after unlinking");
        story.Expect((await files.ListLinksToFileAsync(alice, storage.Id, notes.OriginId)).Count == 0, "no link to the notes is left");

        story.Step("8. Carol, who never connected her account, opens the Files tab");
        var carolsTab = (await files.ListFileLinksAsync(InMemoryWorld.Carol, workPackage)).Storages.Single();
        story.Say($"{carolsTab.Problem?.Title}: {carolsTab.Problem?.Message}");
        story.Say($"She still sees the cached names: {string.Join(", ", carolsTab.Links.Select(entry => entry.Link.Origin.Name))}");
        story.Expect(carolsTab.State == StorageConnectionState.LoginRequired, "Carol is asked to log in to Nextcloud");
        story.Expect(carolsTab.Links.Count == 4, "Carol sees the four remaining links with their cached data");
    }

    private static FileUpload Upload(string name, string content) => new() { FileName = name, Content = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static FileLinkStatus? StatusOf(StorageFileLinks section, string name) =>
        section.Links.FirstOrDefault(entry => entry.Link.Origin.Name == name)?.Status;

    private static string Describe(FileLinkStatus status) => status switch
    {
        FileLinkStatus.Available => "available",
        FileLinkStatus.NotAllowed => "not allowed",
        FileLinkStatus.NotFound => "not found",
        _ => "error",
    };
}
