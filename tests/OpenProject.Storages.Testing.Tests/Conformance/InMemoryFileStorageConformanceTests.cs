namespace OpenProject.Storages.Testing.Tests.Conformance;

public sealed class InMemoryFileStorageConformanceTests
{
    public static TheoryData<string> CaseNames => new(FileStorageConformance.Cases.Select(conformanceCase => conformanceCase.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_in_memory_storage_conforms(string caseName)
    {
        var fixture = new InMemoryConformanceFixture();
        var conformanceCase = FileStorageConformance.Find(caseName);
        if (conformanceCase.SkipReason(fixture) is { } reason)
        {
            Assert.Skip(reason);
        }

        await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
    }
}
