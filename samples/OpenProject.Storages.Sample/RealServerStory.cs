using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>
/// The files-on-a-work-package story against a real Nextcloud, for one user who connects through the real
/// OAuth2 flow in their browser. Needs an OAuth client registered in Nextcloud (Administration settings →
/// Security → OAuth 2.0 clients) whose redirect URI is <c>NEXTCLOUD_REDIRECT_URI</c>; nothing has to listen
/// there: the user pastes the address the browser ends on. Everything the story creates lives in one new
/// folder, deleted at the end. The links live in memory (the host's database in a real app).
/// </summary>
internal static class RealServerStory
{
    private static readonly HostUserId User = new("sample-user");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");

    public static bool IsConfigured =>
        Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_ID") is { Length: > 0 }
        && Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_SECRET") is { Length: > 0 }
        && Environment.GetEnvironmentVariable("NEXTCLOUD_REDIRECT_URI") is { Length: > 0 };

    public static async Task<int> RunAsync(Uri address, TextReader input, TextWriter output)
    {
        var story = new Story(output);
        var storageId = new StorageId("nextcloud");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(User);
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddNextcloudStorage(storageId.Value, options =>
        {
            options.BaseAddress = address;
            options.AllowInsecureHttp = address.IsLoopback;
            options.OAuthClientId = Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_ID");
            options.OAuthClientSecret = Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_SECRET");
            options.OAuthRedirectUri = new Uri(Environment.GetEnvironmentVariable("NEXTCLOUD_REDIRECT_URI")!);
        });
        services.AddNextcloudAccounts(storageId.Value);
        services.AddSingleton<IStorageTokenStore, InMemoryTokenStore>();
        services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        services.AddSingleton<IFileLinkAuthorization>(authorization);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<NextcloudAccounts>();
        var files = scope.ServiceProvider.GetRequiredService<FileLinkService>();
        var storage = scope.ServiceProvider.GetRequiredService<FileStorageCatalog>().Get(storageId);
        var management = (IFileManagement)storage;
        var actor = StorageActor.ForUser(User);

        story.Step("1. Connect your account (OAuth2 authorization code with PKCE)");
        var request = await accounts.BeginConnectAsync(storageId, User);
        story.Say("Open this address in your browser, log in and allow access:");
        story.Say(request.AuthorizationUri.AbsoluteUri);
        story.Say("Then paste the address your browser ends on (it starts with NEXTCLOUD_REDIRECT_URI):");
        var pasted = (await input.ReadLineAsync())?.Trim();
        if (!Uri.TryCreate(pasted, UriKind.Absolute, out var callback))
        {
            story.Expect(false, "the pasted text is the callback address");
            return story.Finish();
        }

        var connection = await accounts.CompleteConnectAsync(User, NextcloudConnectCallback.FromUrl(callback));
        story.Say($"Connected as Nextcloud user '{connection.NextcloudUserId}'.");

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
            story.Step($"3. Upload two files into '{folderName}' and link them to work package #1");
            var uploads = await files.UploadAndLinkManyAsync(User, WorkPackage, storageId, folder.Location, [Upload("notes.md", "# Kick-off"), Upload("Plan ü+#.txt", "plan")]);
            foreach (var upload in uploads)
            {
                story.Say($"{upload.FileName}: {(upload.Succeeded ? $"file {upload.Link!.OriginId}, linked" : upload.Error!.Message)}");
            }

            story.Expect(uploads.All(upload => upload.Succeeded), "both files are uploaded and linked");

            story.Step("4. Link the folder itself");
            var folderLink = (await files.LinkFilesAsync(User, WorkPackage, storageId, [folder.Id])).Single();
            story.Expect(folderLink.Origin.MimeType == StorageItem.FolderMimeType, "the folder is linked with the folder type");

            story.Step("5. The Files tab");
            var section = (await files.ListFileLinksAsync(User, WorkPackage)).Storages.Single();
            foreach (var entry in section.Links)
            {
                story.Say($"{entry.Status,-10} {entry.Link.Origin.Name}");
            }

            story.Expect(section.State == StorageConnectionState.Ready && section.Links.All(entry => entry.Status == FileLinkStatus.Available), "every link is available");

            story.Step("6. Open, download, reverse lookup, unlink");
            var notes = uploads[0].Link!;
            story.Say($"open: {await files.GetOpenLinkAsync(User, notes.Id, OpenLinkTarget.File)}");
            await using (var content = await files.OpenReadAsync(User, notes.Id))
            using (var reader = new StreamReader(content))
            {
                story.Expect(await reader.ReadToEndAsync() == "# Kick-off", "the downloaded notes have the uploaded content");
            }

            story.Expect((await files.ListLinksToFileAsync(User, storageId, notes.OriginId)).Count == 1, "the reverse lookup finds work package #1");
            await files.UnlinkAsync(User, notes.Id);
            story.Expect((await storage.GetFileInfoAsync(actor, notes.OriginId)).Name == "notes.md", "the unlinked file is still in Nextcloud");
        }
        finally
        {
            story.Step("7. Clean up: delete the sample folder; its links now show as not found");
            await management.DeleteAsync(actor, folder.Location);
            var after = (await files.ListFileLinksAsync(User, WorkPackage)).Storages.Single();
            story.Expect(after.Links.All(entry => entry.Status == FileLinkStatus.NotFound), "links to deleted files show as not found");
        }

        return story.Finish();
    }

    private static FileUpload Upload(string name, string content) => new() { FileName = name, Content = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
}
