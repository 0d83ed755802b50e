namespace OpenProject.Storages.Sample;

/// <summary>Prints the story step by step and remembers every expectation that did not hold.</summary>
internal sealed class Story(TextWriter output)
{
    private readonly List<string> _failures = [];

    public void Step(string title)
    {
        output.WriteLine();
        output.WriteLine($"== {title}");
    }

    public void Say(string line) => output.WriteLine($"   {line}");

    public void Expect(bool condition, string expectation)
    {
        if (!condition)
        {
            _failures.Add(expectation);
            output.WriteLine($"   !! expected: {expectation}");
        }
    }

    public int Finish()
    {
        output.WriteLine();
        if (_failures.Count == 0)
        {
            output.WriteLine("Every step behaved as described.");
            return 0;
        }

        output.WriteLine($"{_failures.Count} step(s) did not behave as described:");
        foreach (var failure in _failures)
        {
            output.WriteLine($" - {failure}");
        }

        return 1;
    }
}
