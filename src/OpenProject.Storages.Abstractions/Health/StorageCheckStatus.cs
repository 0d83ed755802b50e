namespace OpenProject.Storages;

/// <summary>The outcome of one setup check, or of a whole <see cref="StorageSetupReport"/>.</summary>
public enum StorageCheckStatus
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The storage works, but something should be fixed (an outdated app, a project folder not yet created).</summary>
    Warning,

    /// <summary>The check failed: the storage, or the part of it the check covers, does not work.</summary>
    Failed,

    /// <summary>The check did not run, because an earlier check failed or it does not apply (see <see cref="StorageCheckResult.SkippedBecause"/>).</summary>
    Skipped,
}
