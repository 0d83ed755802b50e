using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenProject.Storages;

/// <summary>
/// A health check that validates a storage's setup: a failed check makes it unhealthy (or the
/// registration's failure status), a warning degraded. The data holds every check's
/// <see cref="StorageCheckResult"/> under its name, for a dashboard.
/// </summary>
public sealed class StorageSetupHealthCheck : IHealthCheck
{
    private readonly StorageSetupValidation _validation;
    private readonly StorageId _storage;
    private readonly Func<CancellationToken, Task<StorageSetupValidationContext>>? _context;

    /// <summary>Creates the health check.</summary>
    /// <param name="validation">Runs the storage's validator.</param>
    /// <param name="storage">The storage to check.</param>
    /// <param name="context">Supplies the acting user and managed project folders, if the host wants those checks; none when <see langword="null"/>.</param>
    public StorageSetupHealthCheck(StorageSetupValidation validation, StorageId storage, Func<CancellationToken, Task<StorageSetupValidationContext>>? context = null)
    {
        ArgumentNullException.ThrowIfNull(validation);
        _validation = validation;
        _storage = storage;
        _context = context;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        StorageSetupReport report;
        try
        {
            var setupContext = _context is null ? null : await _context(cancellationToken).ConfigureAwait(false);
            report = await _validation.ValidateAsync(_storage, setupContext, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            return new HealthCheckResult(failureStatus, ex.Message, ex);
        }

        return ToHealthCheckResult(report, failureStatus);
    }

    /// <summary>
    /// A health check registration for one storage, for <c>services.AddHealthChecks().Add(...)</c>. (Provider
    /// packages offer a shorter form, such as <c>AddHealthChecks().AddNextcloudStorage("name")</c>.) The storage
    /// must have a validator: a keyed <see cref="IStorageSetupValidator"/> under its id, or a storage that implements it.
    /// </summary>
    /// <param name="name">The health check's name; also the storage id unless <paramref name="storage"/> is given.</param>
    /// <param name="storage">The storage to check; <c>new StorageId(name)</c> when <see langword="null"/>.</param>
    /// <param name="context">Supplies the acting user and managed project folders for each run; when <see langword="null"/> the authentication and per-project checks are skipped.</param>
    /// <param name="failureStatus">The status for a failed setup; unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags for filtering health checks.</param>
    /// <param name="timeout">How long the whole validation may take; only each check's own time-out when <see langword="null"/>.</param>
    /// <returns>The registration.</returns>
    public static HealthCheckRegistration CreateRegistration(
        string name,
        StorageId? storage = null,
        Func<IServiceProvider, CancellationToken, Task<StorageSetupValidationContext>>? context = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var id = storage ?? new StorageId(name);
        return new HealthCheckRegistration(
            name,
            sp => new StorageSetupHealthCheck(
                sp.GetService<StorageSetupValidation>() ?? new StorageSetupValidation(sp, sp.GetRequiredService<FileStorageCatalog>()),
                id,
                context is null ? null : ct => context(sp, ct)),
            failureStatus,
            tags,
            timeout);
    }

    /// <summary>Maps a report to a health check result: failed → <paramref name="failureStatus"/>, warning → degraded, passed → healthy.</summary>
    /// <param name="report">The report.</param>
    /// <param name="failureStatus">The status for a failed report (usually unhealthy).</param>
    /// <returns>The result, with every check's result as data under its name.</returns>
    public static HealthCheckResult ToHealthCheckResult(StorageSetupReport report, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(report);
        var data = new Dictionary<string, object>(report.Checks.Count, StringComparer.Ordinal);
        foreach (var check in report.Checks)
        {
            data[check.Check] = check;
        }

        var status = report.Status switch
        {
            StorageCheckStatus.Failed => failureStatus,
            StorageCheckStatus.Warning => HealthStatus.Degraded,
            _ => HealthStatus.Healthy,
        };
        return new HealthCheckResult(status, Describe(report), exception: null, data);
    }

    private static string Describe(StorageSetupReport report)
    {
        var problems = report.Checks
            .Where(c => c.Status is StorageCheckStatus.Failed or StorageCheckStatus.Warning)
            .Select(c => $"{c.Check}: {c.Code}")
            .ToArray();
        return problems.Length == 0
            ? $"The storage '{report.Storage}' is set up correctly."
            : $"The storage '{report.Storage}' has {problems.Length} setup problem(s): {string.Join(", ", problems)}.";
    }
}
