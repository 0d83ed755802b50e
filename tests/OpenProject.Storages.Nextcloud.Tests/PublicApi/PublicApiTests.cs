using System.Runtime.CompilerServices;
using PublicApiGenerator;
using OpenProject.Storages.Tests;

namespace OpenProject.Storages.Nextcloud.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_approved_one() => PublicApiApproval.Verify(typeof(NextcloudFileStorage).Assembly);

    /// <summary>
    /// The shared approval leaves out <c>Microsoft.*</c> namespaces (PublicApiGenerator's default), where the
    /// DI entry points live by convention; this checks them against their own approved file.
    /// </summary>
    [Fact]
    public void The_dependency_injection_API_is_the_approved_one() => VerifyDependencyInjection();

    private static void VerifyDependencyInjection([CallerFilePath] string callerPath = "")
    {
        var options = new ApiGeneratorOptions
        {
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"],
            IncludeTypes = typeof(NextcloudFileStorage).Assembly.GetExportedTypes().Where(t => t.Namespace == "Microsoft.Extensions.DependencyInjection").ToArray(),
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"],
        };
        var received = typeof(NextcloudFileStorage).Assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var folder = Path.GetDirectoryName(callerPath)!;
        var approvedPath = Path.Combine(folder, "OpenProject.Storages.Nextcloud.DependencyInjection.approved.txt");
        var receivedPath = Path.Combine(folder, "OpenProject.Storages.Nextcloud.DependencyInjection.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The DI API changed. Review {receivedPath} and, if deliberate, copy it over {approvedPath}.");
    }
}
