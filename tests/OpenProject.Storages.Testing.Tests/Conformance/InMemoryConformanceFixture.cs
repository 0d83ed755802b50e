namespace OpenProject.Storages.Testing.Tests.Conformance;

/// <summary>Runs the conformance kit against <see cref="InMemoryFileStorage"/>: a fresh storage per test.</summary>
internal sealed class InMemoryConformanceFixture : IFileStorageConformanceFixture
{
    public const StorageCapabilities AllCapabilities =
        StorageCapabilities.Downloads | StorageCapabilities.Management | StorageCapabilities.Uploads | StorageCapabilities.BrowserUploads
        | StorageCapabilities.PerUserPermissions | StorageCapabilities.DisconnectedActor | StorageCapabilities.DistinctNormalizationForms
        | StorageCapabilities.ForbiddenDistinctFromMissingInListings | StorageCapabilities.StreamingListings | StorageCapabilities.PathToIdMaps;

    private const string RestrictedAccount = "bob";

    public InMemoryConformanceFixture(StorageCapabilities capabilities = AllCapabilities, Func<IFileStorage, IFileStorage>? decorate = null)
    {
        InMemory.AddUser("alice", "Alice");
        InMemory.AddUser(RestrictedAccount, "Bob");
        InMemory.Connect(new HostUserId("alice"), "alice");
        InMemory.Connect(new HostUserId("bob"), RestrictedAccount);
        Capabilities = capabilities;
        Storage = decorate is null ? InMemory : decorate(InMemory);
    }

    public InMemoryFileStorage InMemory { get; } = new(new StorageId("in-memory"));

    public IFileStorage Storage { get; }

    public StorageCapabilities Capabilities { get; }

    public StorageActor PrivilegedActor { get; } = StorageActor.ForUser(new HostUserId("alice"));

    public StorageActor RestrictedActor { get; } = StorageActor.ForUser(new HostUserId("bob"));

    public StorageActor? DisconnectedActor { get; } = StorageActor.ForUser(new HostUserId("carol"));

    public Task<StoragePath> CreateTestFolderAsync(string caseName, CancellationToken cancellationToken = default) =>
        Task.FromResult(InMemory.AddFolder(StoragePath.Parse("/Conformance").Combine(Guid.NewGuid().ToString("N"))).Location);

    public Task<StorageItem> ArrangeFolderAsync(StoragePath path, CancellationToken cancellationToken = default) =>
        Task.FromResult(InMemory.AddFolder(path, "Alice"));

    public Task<StorageItem> ArrangeFileAsync(StoragePath path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Task.FromResult(InMemory.AddFile(path, content.ToArray(), createdBy: "Alice"));

    public Task ArrangeDeletionAsync(StoragePath path, CancellationToken cancellationToken = default)
    {
        InMemory.Remove(path);
        return Task.CompletedTask;
    }

    public Task SetRestrictedPermissionsAsync(StoragePath path, StoragePermissions permissions, CancellationToken cancellationToken = default)
    {
        InMemory.Grant(RestrictedAccount, path, permissions);
        return Task.CompletedTask;
    }
}
