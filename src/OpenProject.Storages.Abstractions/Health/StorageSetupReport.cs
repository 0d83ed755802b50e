namespace OpenProject.Storages;

/// <summary>
/// The result of validating a storage's setup: every check in the order it ran, and an overall
/// status (failed if any check failed, otherwise warning if any warned, otherwise passed; skipped
/// checks do not count).
/// </summary>
public sealed record StorageSetupReport
{
    /// <summary>The storage that was checked.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>When the checks ran.</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>Every check, in the order it ran.</summary>
    public required IReadOnlyList<StorageCheckResult> Checks { get; init; }

    /// <summary>
    /// <see cref="StorageCheckStatus.Failed"/> if any check failed, otherwise <see cref="StorageCheckStatus.Warning"/>
    /// if any warned, otherwise <see cref="StorageCheckStatus.Passed"/>. Never <see cref="StorageCheckStatus.Skipped"/>.
    /// </summary>
    public StorageCheckStatus Status =>
        Checks.Any(c => c.Status == StorageCheckStatus.Failed) ? StorageCheckStatus.Failed
        : Checks.Any(c => c.Status == StorageCheckStatus.Warning) ? StorageCheckStatus.Warning
        : StorageCheckStatus.Passed;

    /// <summary>The result of a check by name.</summary>
    /// <param name="check">The check's name, for example <c>Capabilities</c>.</param>
    /// <returns>The result, or <see langword="null"/> when no check of that name ran.</returns>
    public StorageCheckResult? Find(string check) => Checks.FirstOrDefault(c => string.Equals(c.Check, check, StringComparison.Ordinal));
}
