using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void The_token_provider_is_one_singleton_reachable_plainly_and_by_storage_name()
    {
        using var app = AppInstance.Create(out _);

        var provider = app.Services.GetRequiredService<NextcloudAccessTokenProvider>();

        Assert.Same(provider, app.Services.GetRequiredService<IStorageAccessTokenProvider>());
        Assert.Same(provider, app.Services.GetRequiredKeyedService<IStorageAccessTokenProvider>(AppInstance.StorageName));
        Assert.IsType<InMemoryConnectStateStore>(app.Services.GetRequiredService<IStorageConnectStateStore>());
    }

    [Fact]
    public void Registering_two_storages_shares_the_services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(new OpenProject.Storages.Testing.InMemoryTokenStore());
        services.AddNextcloudAccounts("first").AddNextcloudAccounts("second");
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<NextcloudAccessTokenProvider>());
        Assert.Same(provider.GetRequiredKeyedService<IStorageAccessTokenProvider>("first"), provider.GetRequiredKeyedService<IStorageAccessTokenProvider>("second"));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => NextcloudAccountsServiceCollectionExtensions.AddNextcloudAccounts(null!, "x"));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddNextcloudAccounts(" "));
    }
}
