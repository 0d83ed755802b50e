using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages.Testing.Tests.DependencyInjection;

public sealed class AddInMemoryStorageTests
{
    [Fact]
    public void An_in_memory_storage_is_found_in_the_catalog_by_its_id()
    {
        var storage = new InMemoryFileStorage(new StorageId("in-memory"));
        var other = new InMemoryFileStorage(new StorageId("second"));
        var services = new ServiceCollection();

        services.AddOpenProjectStorages().AddInMemoryStorage(storage).AddInMemoryStorage(other);
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<FileStorageCatalog>();
        Assert.Same(storage, catalog.Get(new StorageId("in-memory")));
        Assert.Same(other, catalog.Get(new StorageId("second")));
    }
}
