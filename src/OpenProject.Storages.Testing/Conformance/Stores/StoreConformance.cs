namespace OpenProject.Storages.Testing;

/// <summary>
/// The contract of the host's stores (<see cref="IFileLinkRepository"/>, <see cref="IStorageTokenStore"/>, <see cref="ProjectFolders.IProjectFolderStateStore"/>) as
/// framework-neutral cases, like <see cref="FileStorageConformance"/> for storages: run each case against fresh
/// stores and report a <see cref="ConformanceException"/> as a failure. The in-memory stores and the EF Core stores
/// (SQLite and PostgreSQL) pass it.
/// </summary>
public static class StoreConformance
{
    private static readonly StoreConformanceCase[] AllCases = [.. LinkRepositoryScenarios.Cases, .. TokenStoreScenarios.Cases, .. ProjectFolderStateScenarios.Cases];

    /// <summary>Every case, in a stable order.</summary>
    public static IReadOnlyList<StoreConformanceCase> Cases => AllCases;

    /// <summary>The case with a name.</summary>
    /// <param name="name">The case's <see cref="StoreConformanceCase.Name"/>.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    public static StoreConformanceCase Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(AllCases, candidate => string.Equals(candidate.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"There is no store conformance case named '{name}'.", nameof(name));
    }

    internal static void Check(bool condition, string broken)
    {
        if (!condition)
        {
            throw new ConformanceException(broken);
        }
    }
}
