using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpenProject.Storages.Docs.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles as written, against the packages and what a fresh
/// ASP.NET Core app has (its implicit usings), so a snippet a reader copies cannot be broken in CI.
/// </summary>
public sealed class DocsCompileTests
{
    // The implicit usings of a new `dotnet new web` app: what a reader's file has without writing it.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    // What a fragment has in scope without declaring it (DocAmbient.DocNames, listed in docs/README.md).
    private const string AmbientUsings = """
        global using static DocAmbient.DocNames;
        global using DocAmbient;
        """;

    // Every loaded assembly but this one: a whole program must not see the ambient names.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => !string.Equals(path, typeof(DocsCompileTests).Assembly.Location, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> FragmentReferences = new(() =>
        References.Value.Add(MetadataReference.CreateFromFile(typeof(DocsCompileTests).Assembly.Location)));

    /// <summary>Every compiled program of every page.</summary>
    public static TheoryData<string, int> Snippets()
    {
        // Page and line only, so each program is its own test case with a readable name.
        var data = new TheoryData<string, int>();
        foreach (var snippet in AllSnippets())
        {
            data.Add(snippet.Page, snippet.Line);
        }

        return data;
    }

    private static IEnumerable<DocSnippet> AllSnippets()
    {
        var docs = Path.Combine(AppContext.BaseDirectory, "Docs");
        return Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(path => DocSnippet.Read(path, Path.GetRelativePath(docs, path).Replace('\\', '/')));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void The_block_compiles_as_written(string page, int line)
    {
        var snippet = AllSnippets().Single(s => s.Page == page && s.Line == line);
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var fragment = snippet.Kind == DocSnippetKind.Fragment;
        List<SyntaxTree> trees =
        [
            CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.cs"),
            CSharpSyntaxTree.ParseText(snippet.Code, options, snippet.Page),
        ];
        if (fragment)
        {
            trees.Add(CSharpSyntaxTree.ParseText(AmbientUsings, options, "AmbientUsings.cs"));
        }

        var compilation = CSharpCompilation.Create(
            $"Snippet{Guid.NewGuid():N}", // unique: every run program is loaded into the same context
            trees,
            fragment ? FragmentReferences.Value : References.Value,
            // A block of only type declarations (a fixture class, a DbContext) is a library, not a program.
            new CSharpCompilationOptions(
                trees[1].GetRoot(TestContext.Current.CancellationToken).ChildNodes().Any(node => node is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax)
                    ? OutputKind.ConsoleApplication
                    : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{snippet.Page}:{snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();

        Assert.True(errors.Count == 0, string.Join('\n', errors));
        if (snippet.Kind == DocSnippetKind.Run)
        {
            RunProgram(compilation);
        }
    }

    private static void RunProgram(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));

        // The test's own context, so the program shares the loaded packages (one copy of each type).
        var assembly = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(image.ToArray()));
        var entry = assembly.EntryPoint!;
        var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        if (result is Task task)
        {
            task.GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void Every_page_of_docs_is_read()
    {
        // Guards the glob of the project file: a page added to docs/ is checked without touching the tests.
        var copied = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Docs", "docs"), "*.md").Select(Path.GetFileName);
        var source = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "docs"), "*.md").Select(Path.GetFileName);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Docs", "README.md")));
        Assert.Equal(source.Order(StringComparer.Ordinal), copied.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "OpenProject.Storages.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("No repository root above the test output.");
        }

        return directory.FullName;
    }
}
