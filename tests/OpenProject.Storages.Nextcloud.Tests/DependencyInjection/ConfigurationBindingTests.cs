using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud.Tests.DependencyInjection;

/// <summary>A storage's settings from appsettings.json: bound by name, validated as the delegate's, typos refused.</summary>
public sealed class ConfigurationBindingTests
{
    private static IConfiguration Section(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"Storages:Nextcloud:{v.Key}", (string?)v.Value)))
        .Build()
        .GetSection("Storages:Nextcloud");

    [Fact]
    public void Every_kind_of_option_binds_from_its_key_and_the_setup_checks_from_their_subsection()
    {
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddNextcloudStorage("nc", Section(
            ("BaseAddress", "https://cloud.example.com/sub/"),
            ("OAuthClientId", "client"),
            ("OAuthClientSecret", "s3cr:t"),
            ("OAuthRedirectUri", "https://app.example.com/callback"),
            ("TechnicalUserAppPassword", "app-password"),
            ("RequestTimeout", "00:00:45"),
            ("UploadChunkSize", "5242880"),
            ("ForceChunkedUpload", "true"),
            ("SetupChecks:ProjectFoldersEnabled", "true"),
            ("SetupChecks:MinimumNextcloudVersion", "28.0.1")));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var options = provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get("nc");
        var setup = provider.GetRequiredService<IOptionsMonitor<NextcloudSetupOptions>>().Get("nc");

        Assert.Equal(new Uri("https://cloud.example.com/sub/"), options.BaseAddress);
        Assert.Equal(("client", "s3cr:t", "app-password"), (options.OAuthClientId, options.OAuthClientSecret, options.TechnicalUserAppPassword));
        Assert.Equal(new Uri("https://app.example.com/callback"), options.OAuthRedirectUri);
        Assert.Equal(TimeSpan.FromSeconds(45), options.RequestTimeout);
        Assert.Equal(5_242_880, options.UploadChunkSize);
        Assert.True(options.ForceChunkedUpload);
        Assert.Equal("OpenProject", options.TechnicalUserName); // not in the section: the default stays
        Assert.True(setup.ProjectFoldersEnabled);
        Assert.Equal(new Version(28, 0, 1), setup.MinimumNextcloudVersion);
        Assert.NotNull(provider.GetRequiredKeyedService<NextcloudFileStorage>("nc"));
    }

    [Fact]
    public void A_misspelt_key_fails_naming_it_and_never_a_value()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nc", Section(("BaseAdress", "https://files.acme.test/"), ("OAuthClientSecret", "s3cr3t-value")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get("nc"));

        Assert.Contains("'BaseAdress'", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal); // the keys it could have meant
        Assert.DoesNotContain("s3cr3t-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("files.acme.test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_options_get_the_same_validation_as_the_delegate()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nc", Section(("BaseAddress", "http://cloud.example.com/")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get("nc"));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_of_the_options_type_fails_with_the_key()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nc", Section(("BaseAddress", "https://cloud.example.com/"), ("RequestTimeout", "soon")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get("nc"));

        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
    }
}
