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

        var connection = await accounts.CompleteConnectAsync(User, StorageConnectCallback.FromUrl(callback));
        story.Say($"Connected as Nextcloud user '{connection.StorageUserId}'.");

        await StorageStory.RunAsync(story, files, storage, User, WorkPackage);
        return story.Finish();
    }
}
