using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures a Nextcloud storage's setup checks and registers them as a health check.</summary>
public static class NextcloudSetupBuilderExtensions
{
    /// <summary>Configures how the storage's setup is checked (project folders on or off, minimum versions, time-outs).</summary>
    /// <param name="builder">The builder from <c>AddNextcloudStorage</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static NextcloudStorageBuilder ConfigureSetupChecks(this NextcloudStorageBuilder builder, Action<NextcloudSetupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>
    /// Adds a health check that validates the setup of the Nextcloud storage registered as <paramref name="name"/>
    /// (with <c>services.AddNextcloudStorage(name, ...)</c>): unhealthy (or <paramref name="failureStatus"/>) when a
    /// check fails, degraded when one warns, every check's result in the data. Without <paramref name="context"/>
    /// the checks that need an acting user or the list of managed project folders are skipped.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The storage's name, also the health check's name.</param>
    /// <param name="context">Supplies the acting user and managed project folders for each run, if wanted.</param>
    /// <param name="failureStatus">The status for a failed setup; unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags for filtering health checks.</param>
    /// <param name="timeout">How long the whole validation may take; only each request's own time-out when <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddNextcloudStorage(
        this IHealthChecksBuilder builder,
        string name,
        Func<IServiceProvider, CancellationToken, Task<StorageSetupValidationContext>>? context = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(StorageSetupHealthCheck.CreateRegistration(name, new StorageId(name), context, failureStatus, tags ?? ["storage", "nextcloud"], timeout));
    }
}
