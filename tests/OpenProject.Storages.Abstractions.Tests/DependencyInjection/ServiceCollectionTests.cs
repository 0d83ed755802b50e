using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.DependencyInjection;

public sealed class ServiceCollectionTests
{
    [Fact]
    public async Task The_host_composes_the_service_from_its_own_repository_authorization_and_storages()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"));
        storage.AddUser("alice-nc");
        storage.Connect(new HostUserId("alice"), "alice-nc");
        var file = storage.AddFile(StoragePath.Parse("/a.txt"), "a");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(new HostUserId("alice"));
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        services.AddSingleton<IFileLinkAuthorization>(authorization);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        var service = scope.ServiceProvider.GetRequiredService<FileLinkService>();
        var link = (await service.LinkFilesAsync(new HostUserId("alice"), ContainerRef.WorkPackage("1"), storage.Id, [file.Id])).Single();

        Assert.Equal("a.txt", link.Origin.Name);
        Assert.Same(storage, scope.ServiceProvider.GetRequiredService<FileStorageCatalog>().Get(storage.Id));
    }

    [Fact]
    public void The_problem_describer_can_be_replaced()
    {
        var services = new ServiceCollection();
        services.AddOpenProjectStorages();
        services.Replace(ServiceDescriptor.Singleton<IStorageProblemDescriber, Quiet>());

        using var provider = services.BuildServiceProvider();

        Assert.IsType<Quiet>(provider.GetRequiredService<IStorageProblemDescriber>());
    }

    [Fact]
    public void Adding_twice_registers_once()
    {
        var services = new ServiceCollection();
        services.AddOpenProjectStorages();
        services.AddOpenProjectStorages();

        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(FileLinkService));
    }

    [Fact]
    public async Task A_host_that_only_browses_needs_no_link_repository_or_authorization()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"));
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddInMemoryStorage(storage);

        // Build-time validation passes: nothing demands the link services until FileLinkService is wanted.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        Assert.Same(storage, scope.ServiceProvider.GetRequiredService<FileStorageCatalog>().Get(storage.Id));
        var missing = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<FileLinkService>());
        Assert.Contains(nameof(IFileLinkRepository), missing.Message, StringComparison.Ordinal);
        services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        await using var withRepository = services.BuildServiceProvider();
        await using var second = withRepository.CreateAsyncScope();
        missing = Assert.Throws<InvalidOperationException>(() => second.ServiceProvider.GetRequiredService<FileLinkService>());
        Assert.Contains(nameof(IFileLinkAuthorization), missing.Message, StringComparison.Ordinal);
    }

    private sealed class Quiet : DefaultStorageProblemDescriber;
}
