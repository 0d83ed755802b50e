using System.Text;

namespace OpenProject.Storages.Sample;

/// <summary>
/// The files-on-a-work-package story on any storage a user is connected to: browse, upload and link two files into a
/// new folder, link the folder, the Files tab, open, download, reverse lookup, unlink, and the clean-up that leaves
/// the links as not found. The same steps run on Nextcloud (<c>RealServerStory</c>) and OneDrive
/// (<c>OneDriveStory</c>); the OneDrive tests run them against their Graph stand-in.
/// </summary>
internal static class StorageStory
{
    public static async Task RunAsync(Story story, FileLinkService files, IFileStorage storage, HostUserId user, ContainerRef workPackage)
    {
        var management = (IFileManagement)storage;
        var actor = StorageActor.ForUser(user);
        var storageId = storage.Id;

        story.Step("2. Browse your root folder");
        var root = await storage.ListFolderAsync(actor, StoragePath.Root);
        foreach (var child in root.Children.Take(10))
        {
            story.Say($"{(child.IsFolder ? "[folder]" : "        ")} {child.Name}");
        }

        var folderName = $"OpenProject.Storages sample {DateTimeOffset.UtcNow:yyyy-MM-dd HH-mm-ss}";
        var folder = await management.CreateFolderAsync(actor, StoragePath.Root, folderName);
        try
        {
            story.Step($"3. Upload two files into '{folderName}' and link them to work package {workPackage}");
            var uploads = await files.UploadAndLinkManyAsync(user, workPackage, storageId, folder.Location, [Upload("notes.md", "# Kick-off"), Upload("Plan ü+#.txt", "plan")]);
            foreach (var upload in uploads)
            {
                story.Say($"{upload.FileName}: {(upload.Succeeded ? $"file {upload.Link!.OriginId}, linked" : upload.Error!.Message)}");
            }

            story.Expect(uploads.All(upload => upload.Succeeded), "both files are uploaded and linked");

            story.Step("4. Link the folder itself");
            var folderLink = (await files.LinkFilesAsync(user, workPackage, storageId, [folder.Id])).Single();
            story.Expect(folderLink.Origin.MimeType == StorageItem.FolderMimeType, "the folder is linked with the folder type");

            story.Step("5. The Files tab");
            var section = (await files.ListFileLinksAsync(user, workPackage)).Storages.Single();
            foreach (var entry in section.Links)
            {
                story.Say($"{entry.Status,-10} {entry.Link.Origin.Name}");
            }

            story.Expect(section.State == StorageConnectionState.Ready && section.Links.All(entry => entry.Status == FileLinkStatus.Available), "every link is available");

            story.Step("6. Open, download, reverse lookup, unlink");
            var notes = uploads[0].Link!;
            story.Say($"open: {await files.GetOpenLinkAsync(user, notes.Id, OpenLinkTarget.File)}");
            await using (var content = await files.OpenReadAsync(user, notes.Id))
            using (var reader = new StreamReader(content))
            {
                story.Expect(await reader.ReadToEndAsync() == "# Kick-off", "the downloaded notes have the uploaded content");
            }

            story.Expect((await files.ListLinksToFileAsync(user, storageId, notes.OriginId)).Count == 1, $"the reverse lookup finds work package {workPackage}");
            await files.UnlinkAsync(user, notes.Id);
            story.Expect((await storage.GetFileInfoAsync(actor, notes.OriginId)).Name == "notes.md", $"the unlinked file is still in {storage.ProductName}");
        }
        finally
        {
            story.Step("7. Clean up: delete the sample folder; its links now show as not found");
            await management.DeleteAsync(actor, folder.Location);
            var after = (await files.ListFileLinksAsync(user, workPackage)).Storages.Single();
            story.Expect(after.Links.All(entry => entry.Status == FileLinkStatus.NotFound), "links to deleted files show as not found");
        }

    }

    private static FileUpload Upload(string name, string content) => new() { FileName = name, Content = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
}
