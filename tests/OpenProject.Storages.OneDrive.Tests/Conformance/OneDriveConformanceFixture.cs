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
    /// Browser uploads are not declared: Graph's upload session is made for one file name, and
    /// <see cref="IBrowserUploads.CreateUploadLinkAsync"/> names only the folder. Per-user permissions work as in
    /// OpenProject: Graph answers 404 for what a user may not see, and the provider asks again with the app-only token
    /// to say "forbidden"; a folder listing cannot do that, so <see cref="StorageCapabilities.ForbiddenDistinctFromMissingInListings"/>
    /// is not declared. OneDrive keeps NFC and NFD names apart only on some drives, so
    /// <see cref="StorageCapabilities.DistinctNormalizationForms"/> is not promised.
    /// </summary>
    public const StorageCapabilities OneDriveCapabilities =
        StorageCapabilities.Downloads | StorageCapabilities.Management | StorageCapabilities.Uploads
        | StorageCapabilities.StreamingListings | StorageCapabilities.PathToIdMaps | StorageCapabilities.PerUserPermissions
        | StorageCapabilities.DisconnectedActor;

    private readonly ServiceProvider _services;

    public OneDriveConformanceFixture(Action<OneDriveStorageOptions>? configure = null)
    {
        Server = new StatefulGraph(new Uri("https://graph.microsoft.com/v1.0/")) { MaxPageSize = 2 };
        Server.IssueToken("alice-access-token", "Alice Example");
        Server.IssueToken("bob-access-token", "Bob Example");
        Tokens.Connect(new HostUserId("1"), "alice-access-token");
        Tokens.Connect(new HostUserId("2"), "bob-access-token");

        // Carol connected once, but Entra ID no longer accepts her token and no refresh is left.
        Tokens.Connect(new HostUserId("3"), "carol-revoked-token");

        var services = new ServiceCollection();
        services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        services.AddOneDriveStorage("onedrive", options =>
        {
            options.DriveId = StatefulGraph.DriveId;
            options.TenantId = StatefulGraph.TenantId;
            options.ClientId = StatefulGraph.ClientId;
            options.ClientSecret = StatefulGraph.ClientSecret;
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
