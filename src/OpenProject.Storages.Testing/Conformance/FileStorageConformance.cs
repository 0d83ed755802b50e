using OpenProject.Storages.Testing.Conformance;

namespace OpenProject.Storages.Testing;

/// <summary>
/// The conformance kit: the scenarios every <see cref="IFileStorage"/> provider must pass, modelled on EF
/// Core's provider specification tests but free of any test framework. A provider's test project
/// implements <see cref="IFileStorageConformanceFixture"/> and runs each case in one data-driven test,
/// reporting <see cref="ConformanceCase.SkipReason"/> as a skip.
/// </summary>
/// <example>
/// <code>
/// public static TheoryData&lt;string&gt; CaseNames =&gt; new(FileStorageConformance.Cases.Select(c =&gt; c.Name));
///
/// [Theory, MemberData(nameof(CaseNames))]
/// public async Task The_storage_conforms(string name)
/// {
///     var conformanceCase = FileStorageConformance.Find(name);
///     if (conformanceCase.SkipReason(fixture) is { } reason)
///     {
///         Assert.Skip(reason);
///     }
///     await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
/// }
/// </code>
/// </example>
public static class FileStorageConformance
{
    private static readonly ConformanceCase[] AllCases =
    [
        .. ListingScenarios.Cases,
        .. StreamingListingScenarios.Cases,
        .. IdentityScenarios.Cases,
        .. UploadScenarios.Cases,
        .. ManagementScenarios.Cases,
        .. DownloadScenarios.Cases,
        .. NameScenarios.Cases,
        .. PermissionScenarios.Cases,
        .. AuthenticationScenarios.Cases,
    ];

    /// <summary>Every case, in a stable order.</summary>
    public static IReadOnlyList<ConformanceCase> Cases => AllCases;

    /// <summary>The case with a name.</summary>
    /// <param name="name">The case's <see cref="ConformanceCase.Name"/>.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    public static ConformanceCase Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(AllCases, candidate => string.Equals(candidate.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"There is no conformance case named '{name}'.", nameof(name));
    }
}
