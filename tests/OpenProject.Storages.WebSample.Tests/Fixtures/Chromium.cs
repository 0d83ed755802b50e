namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>
/// Finds the Chromium the browser tests drive. Playwright cannot download its own browsers here, so the tests launch the system's
/// (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs): <c>OPENPROJECT_STORAGES_CHROMIUM</c> when set, else
/// <c>/usr/bin/chromium</c>, else the first Chromium or Chrome on <c>PATH</c>.
/// </summary>
internal static class Chromium
{
    public const string PathVariable = "OPENPROJECT_STORAGES_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            // Named on purpose: a wrong path is a mistake to report, not a reason to look elsewhere.
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{PathVariable} names {configured}, which does not exist.");
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => Names.Select(name => System.IO.Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
