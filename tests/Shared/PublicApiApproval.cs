using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace OpenProject.Storages.Tests;

/// <summary>
/// Compares an assembly's public API with the checked-in <c>*.approved.txt</c>. On a mismatch the
/// test fails and writes <c>*.received.txt</c> beside it; copy it over the approved file when the
/// change is deliberate.
/// </summary>
internal static class PublicApiApproval
{
    public static void Verify(Assembly assembly, [CallerFilePath] string callerPath = "")
    {
        var options = new ApiGeneratorOptions { AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder", "Microsoft.EntityFrameworkCore"], ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"] };
        var received = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var folder = Path.GetDirectoryName(callerPath)!;
        var name = assembly.GetName().Name;
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The public API of {name} changed. Review {receivedPath} and, if the change is deliberate, copy it over {approvedPath}.");
    }
}
