namespace OpenProject.Storages;

/// <summary>What the host knows that a setup validation needs beyond the storage's own settings.</summary>
public sealed record StorageSetupValidationContext
{
    /// <summary>
    /// The administrator running the checks. The authentication checks (a token exists, a user-bound
    /// request succeeds) run for this user; without one they are skipped.
    /// </summary>
    public HostUserId? ActingUser { get; init; }

    /// <summary>
    /// The projects whose folders the host manages automatically in this storage. Used by the project
    /// folder checks (every project has a folder, and it exists); <see langword="null"/> skips those two checks.
    /// </summary>
    public IReadOnlyList<ManagedProjectFolder>? ManagedProjectFolders { get; init; }
}
