using OpenProject.Storages.Testing;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>The store conformance kit (Testing package) against the in-memory stores and the EF Core stores on SQLite and PostgreSQL.</summary>
public sealed class StoreConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "in-memory", "sqlite", "postgres" })
        {
            foreach (var conformanceCase in StoreConformance.Cases)
            {
                data.Add(kind, conformanceCase.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_stores_conform(string kind, string caseName)
    {
        await using var stores = await StoreSet.OpenAsync(kind);

        await StoreConformance.Find(caseName).RunAsync(stores, TestContext.Current.CancellationToken);
    }
}
