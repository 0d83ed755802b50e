using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WorkPackages;

namespace DocAmbient;

/// <summary>
/// The names a <c>```csharp fragment</c> block may use without declaring them, as docs/README.md lists them
/// for the reader: what the host's own code has at that point (its service collection, the current user, the
/// request's token). A fragment is compiled with <c>using static DocAmbient.DocNames;</c>, so each name has
/// its documented type; a fragment that declares the same name shadows it. They are only compiled, never run.
/// </summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The names are the locals the docs use.")]
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "As above.")]
public static class DocNames
{
    public static IServiceCollection services => Never<IServiceCollection>();
    public static IServiceProvider provider => Never<IServiceProvider>();
    public static WebApplicationBuilder builder => Never<WebApplicationBuilder>();
    public static WebApplication app => Never<WebApplication>();
    public static IConfiguration config => Never<IConfiguration>();
    public static IConfiguration configuration => Never<IConfiguration>();
    public static string connectionString => Never<string>();
    public static string? appPassword => Never<string>();
    public static string secretFromConfiguration => Never<string>();

    public static FileLinkService fileLinks => Never<FileLinkService>();
    public static HostUserId user => Never<HostUserId>();
    public static HostUserId currentAdmin => Never<HostUserId>();
    public static CancellationToken cancellationToken => Never<CancellationToken>();
    public static FileLinkId linkId => Never<FileLinkId>();
    public static ContainerRef workPackage => Never<ContainerRef>();
    public static StorageId storageId => Never<StorageId>();
    public static Stream stream => Never<Stream>();

    public static NextcloudStorageOptions options => Never<NextcloudStorageOptions>();
    public static IProjectFolderStorage projectFolders => Never<IProjectFolderStorage>();
    public static ProjectFolderDesiredState desired => Never<ProjectFolderDesiredState>();
    public static IReadOnlyList<ManagedProjectFolder> managedFolders => Never<IReadOnlyList<ManagedProjectFolder>>();
    public static IReadOnlyDictionary<string, FileId> lastFolderIds => Never<IReadOnlyDictionary<string, FileId>>();
    public static IReadOnlyList<string> connectedStorageUserIds => Never<IReadOnlyList<string>>();
    public static ILogger<ProjectFolderSynchronizer> logger => Never<ILogger<ProjectFolderSynchronizer>>();

    internal static T Never<T>() => throw new NotSupportedException("Docs fragments are compiled, not run.");
}

// The reader's own types that fragments register or construct. Compiled only: each member throws.
#pragma warning disable CS1591 // placeholders: their docs are the page that uses them

/// <summary>Stands for the reader's own <c>DbContext</c>.</summary>
public sealed class MyDbContext(DbContextOptions<MyDbContext> options) : DbContext(options);

/// <summary>Stands for the reader's own view/manage rules.</summary>
public sealed class MyPermissions : IFileLinkAuthorization
{
    public ValueTask<bool> CanViewFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) => DocNames.Never<ValueTask<bool>>();

    public ValueTask<bool> CanManageFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) => DocNames.Never<ValueTask<bool>>();
}

/// <summary>Stands for the reader's own token table.</summary>
public sealed class MyDatabaseTokenStore : IStorageTokenStore
{
    public Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) => DocNames.Never<Task<StoredStorageToken?>>();

    public Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default) => DocNames.Never<Task<StoredStorageToken?>>();

    public Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default) => DocNames.Never<Task<bool>>();
}

/// <summary>Stands for the reader's own Graph tokens.</summary>
public sealed class MyGraphTokens : IStorageAccessTokenProvider
{
    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) => DocNames.Never<ValueTask<StorageAccessToken>>();
}

/// <summary>Stands for the reader's own work packages.</summary>
public sealed class MyWorkPackages : IWorkPackageDirectory, IWorkPackageCreation
{
    public Task<IReadOnlyList<WorkPackage>> SearchAsync(HostUserId user, string text, int limit, CancellationToken cancellationToken = default) => DocNames.Never<Task<IReadOnlyList<WorkPackage>>>();

    public Task<IReadOnlyList<WorkPackage>> GetAsync(HostUserId user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) => DocNames.Never<Task<IReadOnlyList<WorkPackage>>>();

    public Task<WorkPackageStatus?> GetStatusAsync(long id, CancellationToken cancellationToken = default) => DocNames.Never<Task<WorkPackageStatus?>>();

    public Task<WorkPackageType?> GetTypeAsync(long id, CancellationToken cancellationToken = default) => DocNames.Never<Task<WorkPackageType?>>();

    public Task<HostUser?> GetUserAsync(HostUserId id, CancellationToken cancellationToken = default) => DocNames.Never<Task<HostUser?>>();

    public Task<UserAvatar?> GetAvatarAsync(HostUserId id, CancellationToken cancellationToken = default) => DocNames.Never<Task<UserAvatar?>>();

    public Task<IReadOnlyList<HostProject>> GetProjectsAsync(HostUserId user, string? text, CancellationToken cancellationToken = default) => DocNames.Never<Task<IReadOnlyList<HostProject>>>();

    public Task<WorkPackageForm?> GetFormAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default) => DocNames.Never<Task<WorkPackageForm?>>();

    public Task<IReadOnlyList<HostUser>?> GetAssigneesAsync(HostUserId user, long projectId, CancellationToken cancellationToken = default) => DocNames.Never<Task<IReadOnlyList<HostUser>?>>();

    public Task<WorkPackageCreation> CreateAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default) => DocNames.Never<Task<WorkPackageCreation>>();
}

/// <summary>Stands for the reader's own notifications.</summary>
public sealed class MyNotifications : INotificationInbox
{
    public Task<IReadOnlyList<HostNotification>> ListUnreadAsync(HostUserId user, CancellationToken cancellationToken = default) => DocNames.Never<Task<IReadOnlyList<HostNotification>>>();

    public Task<int> MarkReadAsync(HostUserId user, long workPackageId, CancellationToken cancellationToken = default) => DocNames.Never<Task<int>>();
}

/// <summary>Stands for an integrator's conformance fixture of their provider.</summary>
public sealed class MyProviderFixture : IFileStorageConformanceFixture
{
    public IFileStorage Storage => DocNames.Never<IFileStorage>();

    public StorageCapabilities Capabilities => DocNames.Never<StorageCapabilities>();

    public StorageActor PrivilegedActor => DocNames.Never<StorageActor>();

    public StorageActor RestrictedActor => DocNames.Never<StorageActor>();

    public StorageActor? DisconnectedActor => null;

    public Task<StoragePath> CreateTestFolderAsync(string caseName, CancellationToken cancellationToken = default) => DocNames.Never<Task<StoragePath>>();

    public Task<StorageItem> ArrangeFolderAsync(StoragePath path, CancellationToken cancellationToken = default) => DocNames.Never<Task<StorageItem>>();

    public Task<StorageItem> ArrangeFileAsync(StoragePath path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => DocNames.Never<Task<StorageItem>>();

    public Task ArrangeDeletionAsync(StoragePath path, CancellationToken cancellationToken = default) => DocNames.Never<Task>();

    public Task SetRestrictedPermissionsAsync(StoragePath path, StoragePermissions permissions, CancellationToken cancellationToken = default) => DocNames.Never<Task>();
}

/// <summary>Stands for an integrator's conformance fixture of their stores.</summary>
public sealed class MyStoresFixture : IStoreConformanceFixture
{
    public IFileLinkRepository NewLinkRepository() => DocNames.Never<IFileLinkRepository>();

    public IStorageTokenStore NewTokenStore() => DocNames.Never<IStorageTokenStore>();

    public IProjectFolderStateStore NewProjectFolderStateStore() => DocNames.Never<IProjectFolderStateStore>();
}
