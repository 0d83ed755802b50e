using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.OneDrive;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>
/// The files-on-a-work-package story (<see cref="StorageStory"/>) on a OneDrive/SharePoint document library through
/// Microsoft Graph, chosen by configuration: <c>ONEDRIVE_DRIVE_ID</c> (the library's <c>b!…</c> drive id) and
/// <c>ONEDRIVE_ACCESS_TOKEN</c> (a delegated Graph token with <c>Files.ReadWrite.All</c>, for example from
/// <c>az account get-access-token --resource https://graph.microsoft.com</c>); <c>ONEDRIVE_GRAPH_URL</c> for a
/// national cloud. Connecting accounts through Entra ID is not built yet, so the token is given, not obtained.
/// Everything the story creates lives in one new folder, deleted at the end; the links live in memory.
/// </summary>
internal static class OneDriveStory
{
    private static readonly HostUserId User = new("sample-user");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");

    public static bool IsConfigured =>
        Environment.GetEnvironmentVariable("ONEDRIVE_DRIVE_ID") is { Length: > 0 }
        && Environment.GetEnvironmentVariable("ONEDRIVE_ACCESS_TOKEN") is { Length: > 0 };

    public static async Task<int> RunAsync(TextWriter output)
    {
        var story = new Story(output);
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(User);
        var services = new ServiceCollection();
        services.AddOpenProjectStorages();
        services.AddOneDriveStorage("onedrive", options =>
        {
            options.DriveId = Environment.GetEnvironmentVariable("ONEDRIVE_DRIVE_ID")!;
            if (Environment.GetEnvironmentVariable("ONEDRIVE_GRAPH_URL") is { Length: > 0 } graph)
            {
                options.GraphBaseAddress = new Uri(graph);
            }

            // The host endpoint that would resolve an item's webUrl for the signed-in user and redirect there.
            options.OpenLinkBaseAddress = new Uri("http://localhost:5000/onedrive/open");
        });
        services.AddSingleton<IStorageAccessTokenProvider>(new GivenToken(Environment.GetEnvironmentVariable("ONEDRIVE_ACCESS_TOKEN")!));
        services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        services.AddSingleton<IFileLinkAuthorization>(authorization);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var storage = scope.ServiceProvider.GetRequiredKeyedService<OneDriveFileStorage>("onedrive");

        story.Step("1. Use the Graph access token from ONEDRIVE_ACCESS_TOKEN (account connection through Entra ID is not built yet)");
        await StorageStory.RunAsync(story, scope.ServiceProvider.GetRequiredService<FileLinkService>(), storage, User, WorkPackage);
        return story.Finish();
    }

    /// <summary>The one token the sample was given; when Graph rejects it, the user must get a new one.</summary>
    private sealed class GivenToken(string token) : IStorageAccessTokenProvider
    {
        public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
            rejectedAccessToken == token
                ? ValueTask.FromException<StorageAccessToken>(new StorageException(StorageErrorCode.Unauthorized, "Microsoft Graph rejected ONEDRIVE_ACCESS_TOKEN; get a new token."))
                : ValueTask.FromResult(new StorageAccessToken { Value = token, StorageUserId = user.Value, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5) });
    }
}
