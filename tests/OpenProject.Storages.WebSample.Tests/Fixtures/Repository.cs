namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>Paths in the repository the tests run from (found by its solution file).</summary>
internal static class Repository
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "OpenProject.Storages.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: OpenProject.Storages.slnx was not found above " + AppContext.BaseDirectory);
    });

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
