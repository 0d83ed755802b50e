using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Sample;
using OpenProject.Storages.Testing;

// Given a Nextcloud URL, print that server's setup report and, with an OAuth client configured, run the story there (see RealServerStory).
if (args is [var url, ..] && Uri.TryCreate(url, UriKind.Absolute, out var address))
{
    var reportStatus = await RealServerReport.RunAsync(address, Console.Out);
    return RealServerStory.IsConfigured ? await RealServerStory.RunAsync(address, Console.In, Console.Out) : reportStatus;
}

// "onedrive": the same story on a OneDrive/SharePoint library through Microsoft Graph (see OneDriveStory for the configuration).
if (args is ["onedrive", ..])
{
    if (!OneDriveStory.IsConfigured)
    {
        Console.Error.WriteLine("Set ONEDRIVE_DRIVE_ID (the library's b!… drive id) and ONEDRIVE_ACCESS_TOKEN (a delegated Microsoft Graph token).");
        return 2;
    }

    return await OneDriveStory.RunAsync(Console.Out);
}

// The seed's story, "files on a work package", then a project folder sync, setup reports and Nextcloud's app linking a file through the host's API, on the in-memory storages. Every step checks that
// it behaved as described; the exit code is non-zero if one did not.
var story = new Story(Console.Out);
var storage = InMemoryWorld.Create();
var authorization = new InMemoryFileLinkAuthorization();
authorization.AllowManage(InMemoryWorld.Alice, InMemoryWorld.WorkPackage);
authorization.AllowView(InMemoryWorld.Bob, InMemoryWorld.WorkPackage);
authorization.AllowView(InMemoryWorld.Carol, InMemoryWorld.WorkPackage);

var nextcloud = new NextcloudOAuthStandIn();
var services = new ServiceCollection();
services.AddOpenProjectStorages().AddInMemoryStorage(storage);

// Accounts: the real Nextcloud OAuth2 flow, answered by an in-process stand-in.
services.AddSingleton<IStorageTokenStore, InMemoryTokenStore>();
services.AddNextcloudAccounts(storage.Id.Value);
services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => nextcloud);
services.Configure<NextcloudStorageOptions>(storage.Id.Value, options =>
{
    options.BaseAddress = NextcloudOAuthStandIn.Base;
    options.OAuthClientId = NextcloudOAuthStandIn.ClientId;
    options.OAuthClientSecret = NextcloudOAuthStandIn.ClientSecret;
    options.OAuthRedirectUri = NextcloudOAuthStandIn.RedirectUri;
});
services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
services.AddSingleton<IFileLinkAuthorization>(authorization);
await using var provider = services.BuildServiceProvider(validateScopes: true);
await using var scope = provider.CreateAsyncScope();
var files = scope.ServiceProvider.GetRequiredService<FileLinkService>();

await FilesOnAWorkPackage.RunAsync(story, storage, files, scope.ServiceProvider.GetRequiredService<NextcloudAccounts>(), nextcloud);
await ProjectFolderSync.RunAsync(story);
await SetupReports.RunInMemoryAsync(story, Console.Out, provider.GetRequiredService<StorageSetupValidation>(), storage.Id);
await NextcloudAppSide.RunAsync(story);
return story.Finish();
