using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.Conformance;

/// <summary>
/// Runs the conformance kit against <see cref="NextcloudFileStorage"/> as the application gets it
/// (<c>AddNextcloudStorage</c>, both named clients, resilience, the credentials handler), talking to a
/// <see cref="StatefulNextcloud"/> installed under a sub-path. Arrangements go straight into the
/// stand-in's tree, as someone working in Nextcloud would change it.
/// </summary>
internal sealed class NextcloudConformanceFixture : IFileStorageConformanceFixture, IDisposable, IAsyncDisposable
{
    public const string BaseAddress = "https://cloud.example.com/nextcloud/";
    public const string PrivilegedUser = "alice";
    public const string RestrictedUser = "bob";

    /// <summary>
    /// Nextcloud normalises every path to NFC (<c>Filesystem::normalizePath</c>), so NFC and NFD forms are
    /// one name: <see cref="StorageCapabilities.DistinctNormalizationForms"/> is not declared. A folder hidden by
    /// a team folder ACL answers 404 to a PROPFIND, like a missing one, so
    /// <see cref="StorageCapabilities.ForbiddenDistinctFromMissingInListings"/> is not declared either.
    /// </summary>
    public const StorageCapabilities NextcloudCapabilities =
        StorageCapabilities.Downloads | StorageCapabilities.Management | StorageCapabilities.Uploads | StorageCapabilities.BrowserUploads
        | StorageCapabilities.PerUserPermissions | StorageCapabilities.DisconnectedActor | StorageCapabilities.StreamingListings
        | StorageCapabilities.PathToIdMaps;

    private const string TechnicalPassword = "conformance:app-password/ß";

    private readonly ServiceProvider _services;
    private readonly LoopbackNextcloud? _loopback;

    /// <summary>The stand-in is the clients' primary handler: fast, but without the provider's own handlers in the path.</summary>
    public NextcloudConformanceFixture(Action<NextcloudStorageOptions>? configure = null)
        : this(new Uri(BaseAddress), loopback: null, configure)
    {
    }

    private NextcloudConformanceFixture(Uri baseAddress, LoopbackNextcloud? loopback, Action<NextcloudStorageOptions>? configure)
    {
        _loopback = loopback;
        Server = new StatefulNextcloud(baseAddress) { TechnicalUserPassword = TechnicalPassword };
        Server.AddUser(PrivilegedUser, "Alice Example");
        Server.AddUser(RestrictedUser, "Bob Example");
        Server.AddUser("carol", "Carol Example");
        Server.IssueToken(PrivilegedUser, "alice-access-token");
        Server.IssueToken(RestrictedUser, "bob-access-token");
        Tokens.Connect(new HostUserId("1"), PrivilegedUser, "alice-access-token");
        Tokens.Connect(new HostUserId("2"), RestrictedUser, "bob-access-token");

        // Carol connected once, but Nextcloud no longer knows her token (revoked, or the OAuth client was re-created).
        Tokens.Connect(new HostUserId("3"), "carol", "carol-revoked-token");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        var builder = services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = baseAddress;
            options.TechnicalUserAppPassword = TechnicalPassword;
            configure?.Invoke(options);
        });
        if (loopback is null)
        {
            builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            builder.TransferHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }
        else
        {
            loopback.Server = Sessions = new NextcloudSessions(Server);
        }

        _services = services.BuildServiceProvider();
        Storage = _services.GetRequiredKeyedService<NextcloudFileStorage>("nc");
    }

    public StatefulNextcloud Server { get; }

    /// <summary>The sessions in front of the stand-in when it is served over loopback.</summary>
    public NextcloudSessions? Sessions { get; }

    public StandInTokenProvider Tokens { get; } = new();

    public IFileStorage Storage { get; }

    public StorageCapabilities Capabilities => NextcloudCapabilities;

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
        Server.Restrict(RestrictedUser, path, permissions);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The stand-in served over loopback behind Nextcloud's sessions, reached through the provider's own primary
    /// handlers (connection pool, cookies off, decompression, no redirects), as a real Nextcloud is.
    /// </summary>
    public static async Task<NextcloudConformanceFixture> OverLoopbackAsync(Action<NextcloudStorageOptions>? configure = null)
    {
        var loopback = await LoopbackNextcloud.StartAsync();
        return new NextcloudConformanceFixture(new Uri(loopback.Root, "nextcloud/"), loopback, configure);
    }

    public void Dispose() => _services.Dispose();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
        }
    }

    private static StorageItem ToItem(StandInNode node) => new()
    {
        Id = new FileId(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Name = node.Name,
        Location = node.Path,
        Kind = node.IsFolder ? StorageItemKind.Folder : StorageItemKind.File,
        MimeType = node.IsFolder ? StorageItem.FolderMimeType : node.ContentType,
        Size = node.Size,
        CreatedAt = node.CreatedAt,
        LastModifiedAt = node.ModifiedAt,
        CreatedByName = node.OwnerDisplayName,
        Permissions = StoragePermissions.All,
    };
}
