using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenProject.Storages.OneDrive.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Accounts;

/// <summary>What <c>AddOneDriveAccounts</c> registers and what it refuses at start-up.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void The_storage_takes_the_accounts_token_provider_and_the_accounts_share_the_hosts_stores()
    {
        using var app = new OneDriveAccountsApp();

        var keyed = app.Services.GetRequiredKeyedService<IStorageAccessTokenProvider>(OneDriveAccountsApp.StorageName);

        Assert.Same(app.Services.GetRequiredService<OneDriveAccessTokenProvider>(), keyed);
        Assert.Same(keyed, app.Services.GetRequiredService<IStorageAccessTokenProvider>());
        Assert.Same(app.Accounts, app.Services.GetRequiredService<OneDriveAccounts>());
        Assert.IsType<InMemoryConnectStateStore>(app.Services.GetRequiredService<IStorageConnectStateStore>());
    }

    [Fact]
    public void Accounts_without_a_client_secret_or_with_a_query_in_the_redirect_uri_are_refused_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(new InMemoryTokenStore());
        services.AddOneDriveStorage("onedrive", options =>
        {
            StatefulGraph.Configure(options);
            options.OAuthRedirectUri = new Uri("https://app.example.com/onedrive/callback?next=1");
            options.ClientSecret = null;
        });
        services.AddOneDriveAccounts("onedrive");
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<OneDriveStorageOptions>>().Get("onedrive"));

        Assert.Contains(refused.Failures, failure => failure.Contains("ClientSecret", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, failure => failure.Contains("OAuthRedirectUri must not have a query", StringComparison.Ordinal));
    }
}
