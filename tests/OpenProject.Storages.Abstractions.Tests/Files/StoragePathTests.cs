namespace OpenProject.Storages.Abstractions.Tests.Files;

public sealed class StoragePathTests
{
    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("//Folder//Sub/", "/Folder/Sub")]
    [InlineData("Folder/Sub folder", "/Folder/Sub folder")]
    public void Parsing_normalises_slashes(string input, string expected) =>
        Assert.Equal(expected, StoragePath.Parse(input).ToString());

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("100%", "100%25")]
    [InlineData("~home", "~home")]
    [InlineData("Ümlæûts", "%C3%9Cml%C3%A6%C3%BBts")]
    [InlineData("Отчёт", "%D0%9E%D1%82%D1%87%D1%91%D1%82")]
    [InlineData("🍑", "%F0%9F%8D%91")]
    [InlineData("a?b&c=d", "a%3Fb%26c%3Dd")]
    public void Each_segment_is_escaped_and_decodes_back_to_the_same_name(string name, string escaped)
    {
        var path = StoragePath.Root.Combine("Folder").Combine(name);

        Assert.Equal("/Folder/" + escaped, path.ToEscapedString());
        Assert.Equal(path, StoragePath.ParseEscaped(path.ToEscapedString()));
        Assert.Equal(name, StoragePath.ParseEscaped(path.ToEscapedString()).Name);
    }

    [Fact]
    public void A_plus_sign_in_an_escaped_path_stays_a_plus_sign() =>
        Assert.Equal("a+b", StoragePath.ParseEscaped("/a+b").Name);

    [Fact]
    public void An_encoded_slash_is_refused_rather_than_read_as_two_segments() =>
        Assert.ThrowsAny<ArgumentException>(() => StoragePath.ParseEscaped("/a%2Fb/c"));

    [Fact]
    public void Nfc_and_nfd_forms_are_distinct_names()
    {
        var nfc = StoragePath.Root.Combine("\u00FC");
        var nfd = StoragePath.Root.Combine("u\u0308");

        Assert.NotEqual(nfc, nfd);
        Assert.Equal(nfd, StoragePath.ParseEscaped(nfd.ToEscapedString()));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("tab\there")]
    public void Invalid_names_are_refused_with_a_clear_error(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StoragePath.Root.Combine(name));

        Assert.Contains("not a valid file or folder name", error.Message, StringComparison.Ordinal);
    }

    // Not theory data: test case serialisation would turn a lone surrogate into U+FFFD, a valid name.
    [Fact]
    public void Names_with_a_lone_surrogate_are_refused_and_valid_pairs_are_kept()
    {
        foreach (var name in (string[])["high \uD83D alone", "low \uDE00 alone", "\uDE00\uD83D reversed", "ends high \uD83D", "\uD83D"])
        {
            Assert.False(StoragePath.IsValidName(name));
            var error = Assert.ThrowsAny<ArgumentException>(() => StoragePath.Root.Combine(name));
            Assert.Contains("lone surrogates", error.Message, StringComparison.Ordinal);
            Assert.ThrowsAny<ArgumentException>(() => StoragePath.Parse("/Docs/" + name));
        }

        Assert.True(StoragePath.IsValidName("party \uD83C\uDF89.txt"));
        Assert.Equal("party 🎉.txt", StoragePath.Parse("/party 🎉.txt").Name);
    }

    [Fact]
    public void Dot_dot_segments_cannot_escape_the_root() =>
        Assert.ThrowsAny<ArgumentException>(() => StoragePath.Parse("/a/../../etc"));

    [Fact]
    public void Ancestors_form_the_breadcrumb_from_the_root_down()
    {
        var path = StoragePath.Parse("/A/B/C");

        Assert.Equal([StoragePath.Root, StoragePath.Parse("/A"), StoragePath.Parse("/A/B")], path.Ancestors);
        Assert.Equal(StoragePath.Parse("/A/B"), path.Parent);
        Assert.Equal("C", path.Name);
        Assert.Empty(StoragePath.Root.Ancestors);
        Assert.Equal(StoragePath.Root, StoragePath.Root.Parent);
    }

    [Fact]
    public void Default_path_is_the_root()
    {
        StoragePath path = default;

        Assert.True(path.IsRoot);
        Assert.Equal(StoragePath.Root, path);
        Assert.Equal("/", path.ToEscapedString());
    }

    [Fact]
    public void IsSameOrBelow_compares_whole_segments()
    {
        Assert.True(StoragePath.Parse("/A/B").IsSameOrBelow(StoragePath.Parse("/A")));
        Assert.True(StoragePath.Parse("/A").IsSameOrBelow(StoragePath.Parse("/A")));
        Assert.False(StoragePath.Parse("/AB").IsSameOrBelow(StoragePath.Parse("/A")));
        Assert.True(StoragePath.Parse("/A").IsSameOrBelow(StoragePath.Root));
    }
}
