using System.Reflection;

namespace OpenProject.Storages.Abstractions.Tests.Conventions;

/// <summary>Mechanical rules of style.md, checked over every shipped assembly loaded by this test project.</summary>
public sealed class ConventionTests
{
    public static TheoryData<string> Assemblies => new(ShippedAssemblies().Select(assembly => assembly.GetName().Name!));

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Every_public_async_method_takes_a_trailing_cancellation_token(string assemblyName)
    {
        var offenders = PublicTypes(assemblyName)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => IsAsync(method.ReturnType) && !method.IsSpecialName)
            .Where(method => method.GetParameters() is not [.., { ParameterType: var last }] || last != typeof(CancellationToken))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .ToArray();

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_records_are_sealed(string assemblyName)
    {
        var offenders = PublicTypes(assemblyName)
            .Where(type => type.IsClass && type.GetMethod("<Clone>$") is not null && !type.IsSealed)
            .Select(type => type.Name)
            .ToArray();

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_exceptions_derive_from_StorageException(string assemblyName)
    {
        var offenders = PublicTypes(assemblyName)
            .Where(type => typeof(Exception).IsAssignableFrom(type) && !typeof(StorageException).IsAssignableFrom(type))
            // The conformance kit's failure is a test assertion about a provider, not a storage error.
            .Where(type => type.FullName != "OpenProject.Storages.Testing.ConformanceException")
            .Select(type => type.Name)
            .ToArray();

        Assert.Empty(offenders);
    }

    private static bool IsAsync(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>) || type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)));

    private static Type[] PublicTypes(string assemblyName) =>
        ShippedAssemblies().Single(assembly => assembly.GetName().Name == assemblyName).GetExportedTypes();

    private static IEnumerable<Assembly> ShippedAssemblies()
    {
        var folder = AppContext.BaseDirectory;
        return Directory.EnumerateFiles(folder, "OpenProject.Storages.*.dll")
            .Where(path => !Path.GetFileName(path).Contains(".Tests", StringComparison.Ordinal))
            .Select(path => Assembly.LoadFrom(path))
            .OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal);
    }
}
