namespace OpenProject.Storages.Sample;

/// <summary>Prints a setup report the way an administrator's page would list it: one line per check, grouped.</summary>
internal static class SetupReportPrinter
{
    public static void Print(TextWriter output, StorageSetupReport report)
    {
        output.WriteLine($"   Setup of '{report.Storage}': {report.Status}");
        foreach (var group in report.Checks.GroupBy(c => c.Group))
        {
            output.WriteLine($"   [{group.Key}]");
            foreach (var check in group)
            {
                var code = check.Code is null ? string.Empty : $" {check.Code}";
                output.WriteLine($"     {Mark(check.Status)} {check.Check}{code}: {check.Message}");
                foreach (var (key, value) in check.Data)
                {
                    output.WriteLine($"         {key} = {value}");
                }
            }
        }
    }

    private static string Mark(StorageCheckStatus status) => status switch
    {
        StorageCheckStatus.Passed => "ok  ",
        StorageCheckStatus.Warning => "WARN",
        StorageCheckStatus.Failed => "FAIL",
        _ => "skip",
    };
}
