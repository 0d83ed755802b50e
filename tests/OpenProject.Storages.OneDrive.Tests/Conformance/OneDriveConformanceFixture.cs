using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.OneDrive.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Conformance;

/// <summary>
/// Runs the conformance kit against <see cref="OneDriveFileStorage"/> as the application gets it
/// (<c>AddOneDriveStorage</c>) talking to a <see cref="StatefulGraph"/> whose pages hold two children, so every
/// listing of more follows <c>@odata.nextLink</c>. Arrangements go straight into the stand-in's tree.
/// </summary>
internal sealed class OneDriveConformanceFixture : IFileStorageConformanceFixture, IDisposable
{
    /// <summary>
    /// Per-user permissions work as in
    /// OpenProject: Graph answers 404 for what a user may not see, and the provider asks again with the app-only token
    /// to say "forbidden"; a folder listing cannot do that, so <see cref="StorageCapabilities.ForbiddenDistinctFromMissingInListings"/>
    /// is not declared. OneDrive keeps NFC and NFD names apart only on some drives, so
    /// <see cref="StorageCapabilities.DistinctNormalizationForms"/> is not promised.
    /// </summary>
    public const StorageCapabilities OneDriveCapabilities =
        StorageCapabilities.Downloads | StorageCapabilities.Management | StorageCapabilities.Uploads | StorageCapabilities.BrowserUploads
        | StorageCapabilities.StreamingListings | StorageCapabilities.PathToIdMaps | StorageCapabilities.PerUserPermissions
        | StorageCapabilities.DisconnectedActor;

    private readonly ServiceProvider _services;

    /// <summary>Creates the fixture.</summary>
    /// <param name="configure">Changes the storage's options.</param>
    /// <param name="accounts">
    /// Whether the users' tokens come from OneDrive accounts (<c>AddOneDriveAccounts</c>, connected through the stand-in's
    /// Entra ID by <see cref="ConnectAccountsAsync"/>) instead of the queued tokens of <see cref="Tokens"/>.
    /// </param>
    public OneDriveConformanceFixture(Action<OneDriveStorageOptions>? configure = null, bool accounts = false)
    {
        Server = new StatefulGraph(new Uri("https://graph.microsoft.com/v1.0/")) { MaxPageSize = 2 };
        var services = new ServiceCollection();
        if (accounts)
        {
            services.AddSingleton<IStorageTokenStore>(new InMemoryTokenStore());
            services.AddOneDriveAccounts("onedrive");
            services.AddHttpClient(OneDriveAccountsHttpClient.Name)
                .ConfigurePrimaryHttpMessageHandler(() => Server)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }
        else
        {
            Server.IssueToken("alice-access-token", "Alice Example");
            Server.IssueToken("bob-access-token", "Bob Example");
            Tokens.Connect(new HostUserId("1"), "alice-access-token");
            Tokens.Connect(new HostUserId("2"), "bob-access-token");

            // Carol connected once, but Entra ID no longer accepts her token and no refresh is left.
            Tokens.Connect(new HostUserId("3"), "carol-revoked-token");
            services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        }

        services.AddOneDriveStorage("onedrive", options =>
        {
            StatefulGraph.Configure(options);
            options.RefreshConflictGracePeriod = TimeSpan.Zero;
            configure?.Invoke(options);
        })
            .ConfigurePrimaryHttpMessageHandler(() => Server)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddOneDriveProjectFolders("onedrive");
        _services = services.BuildServiceProvider();
        OneDrive = _services.GetRequiredKeyedService<OneDriveFileStorage>("onedrive");
    }

    public StatefulGraph Server { get; }

    public RotatingTokenProvider Tokens { get; } = new();

    public OneDriveFileStorage OneDrive { get; }

    public IFileStorage Storage => OneDrive;

    /// <summary>The managed project folders of the drive, as <c>AddOneDriveProjectFolders</c> registers them.</summary>
    public global::OpenProject.Storages.ProjectFolders.IProjectFolderStorage ProjectFolders => _services.GetRequiredKeyedService<global::OpenProject.Storages.ProjectFolders.IProjectFolderStorage>("onedrive");

    public StorageCapabilities Capabilities => OneDriveCapabilities;

    public StorageActor PrivilegedActor { get; } = StorageActor.ForUser(new HostUserId("1"));

    public StorageActor RestrictedActor { get; } = StorageActor.ForUser(new HostUserId("2"));

    public StorageActor? DisconnectedActor { get; } = StorageActor.ForUser(new HostUserId("3"));

    public Task<StoragePath> CreateTestFolderAsync(string caseName, CancellationToken cancellationToken = default)
    {
        var container = StoragePath.Parse("/Conformance");
        if (Server.Find(container) is null)
        {
            Server.AddFolder(container);
        }

        return Task.FromResult(Server.AddFolder(container.Combine(Guid.NewGuid().ToString("N"))).Path);
    }

    public Task<StorageItem> ArrangeFolderAsync(StoragePath path, CancellationToken cancellationToken = default) =>
        Task.FromResult(ToItem(Server.AddFolder(path)));

    public Task<StorageItem> ArrangeFileAsync(StoragePath path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Task.FromResult(ToItem(Server.AddFile(path, content.Span)));

    public Task ArrangeDeletionAsync(StoragePath path, CancellationToken cancellationToken = default)
    {
        Server.Remove(path);
        return Task.CompletedTask;
    }

    public Task SetRestrictedPermissionsAsync(StoragePath path, StoragePermissions permissions, CancellationToken cancellationToken = default)
    {
        Server.Restrict("Bob Example", path, permissions);
        return Task.CompletedTask;
    }

    /// <summary>
    /// With accounts: Alice (1) and Bob (2) connect through the authorization code flow; Carol (3) connected once, but
    /// her grants were revoked (a password reset) and Graph no longer takes her access token, so she must log in again.
    /// </summary>
    public async Task ConnectAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = _services.GetRequiredService<OneDriveAccounts>();
        foreach (var (user, name) in new[] { ("1", "Alice Example"), ("2", "Bob Example"), ("3", "Carol Example") })
        {
            var request = await accounts.BeginConnectAsync(new StorageId("onedrive"), new HostUserId(user), cancellationToken: cancellationToken);
            var callback = Server.SignIn(request.AuthorizationUri, name);
            await accounts.CompleteConnectAsync(new HostUserId(user), StorageConnectCallback.FromUrl(callback), cancellationToken);
        }

        var carol = await _services.GetRequiredService<IStorageTokenStore>().GetAsync(new StorageId("onedrive"), new HostUserId("3"), cancellationToken);
        Server.RevokeGrants("Carol Example");
        Server.RevokeToken(carol!.Token.AccessToken);
    }

    public void Dispose() => _services.Dispose();

    private static StorageItem ToItem(GraphNode node) => new()
    {
        Id = new FileId(node.Id),
        Name = node.Name,
        Location = node.Path,
        Kind = node.IsFolder ? StorageItemKind.Folder : StorageItemKind.File,
        MimeType = node.IsFolder ? StorageItem.FolderMimeType : node.MimeType,
        Size = node.Content.Length,
        CreatedAt = node.CreatedAt,
        LastModifiedAt = node.ModifiedAt,
        CreatedByName = node.CreatedBy,
        Permissions = StoragePermissions.Read,
    };
}
