namespace OpenProject.Storages.Nextcloud.Tests.Fixtures;

/// <summary>Random damage to a recorded body, for tests that a parser fails with its own error and nothing else.</summary>
internal static class Damage
{
    /// <summary>A copy of <paramref name="original"/> with one to three bytes replaced by, or inserted from, <paramref name="symbols"/>, or removed.</summary>
    public static byte[] Apply(byte[] original, Random random, byte[] symbols)
    {
        var bytes = original.ToList();
        for (var change = random.Next(1, 4); change > 0; change--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = symbols[random.Next(symbols.Length)]; break;
                case 1: bytes.Insert(at, symbols[random.Next(symbols.Length)]); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }
}
