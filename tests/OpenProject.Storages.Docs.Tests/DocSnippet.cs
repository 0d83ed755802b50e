using System.Text.RegularExpressions;

namespace OpenProject.Storages.Docs.Tests;

/// <summary>
/// One C# program taken from a Markdown page: a <c>```csharp</c> block, with every following
/// <c>```csharp continued</c> block of the same page appended (so a page may build one program over several
/// blocks). A <c>```csharp run</c> block is compiled and then run: it must finish without an exception (for
/// programs that need no network and start no server). A <c>```csharp fragment</c> block is compiled with the
/// names docs/README.md lists (<c>services</c>, <c>fileLinks</c>, <c>user</c>, …: see <c>DocAmbient.DocNames</c>)
/// in scope, so a short piece is checked against the real API without repeating its surroundings.
/// </summary>
public sealed partial record DocSnippet(string Page, int Line, string Code, DocSnippetKind Kind)
{
    /// <summary>The name the test shows: page and line of the first block.</summary>
    public override string ToString() => $"{Page}:{Line}";

    /// <summary>Every compiled program of a page, in page order.</summary>
    public static IEnumerable<DocSnippet> Read(string path, string page)
    {
        var lines = File.ReadAllLines(path);
        var programs = new List<DocSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var start = i + 2; // the first line of code, counted from 1
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            var code = string.Join('\n', body);
            switch (fence.Groups["kind"].Value)
            {
                case "continued" when programs.Count > 0:
                    programs[^1] = programs[^1] with { Code = programs[^1].Code + "\n" + code };
                    break;
                case "":
                    programs.Add(new DocSnippet(page, start, code, DocSnippetKind.Program));
                    break;
                case "run":
                    programs.Add(new DocSnippet(page, start, code, DocSnippetKind.Run));
                    break;
                case "fragment":
                    programs.Add(new DocSnippet(page, start, code, DocSnippetKind.Fragment));
                    break;
                default:
                    throw new InvalidOperationException(
                        $"{page}:{start}: a C# block is marked '{fence.Groups["kind"].Value}'; use nothing, 'run', 'continued' (after a compiled block) or 'fragment'.");
            }
        }

        return programs;
    }

    [GeneratedRegex(@"^```(csharp|cs|c#)\s*(?<kind>\w*)\s*$")]
    private static partial Regex Fence();
}

/// <summary>How a block is checked.</summary>
public enum DocSnippetKind
{
    /// <summary>Compiled as written.</summary>
    Program,

    /// <summary>Compiled as written, then run.</summary>
    Run,

    /// <summary>Compiled with the documented ambient names in scope.</summary>
    Fragment,
}
