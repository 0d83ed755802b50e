using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Tests.WebDav;

/// <summary>
/// The multistatus parser reads UTF-8 bytes itself rather than through XmlReader, so these tests hold it
/// to what XmlReader would say: the same values as an XDocument reading of the same body in every shape
/// XML allows, however the body is split into reads, and an XmlException for every truncated or broken body.
/// </summary>
public sealed class MultiStatusByteReadingTests
{
    private const string Namespaces = """xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns" """;

    public static TheoryData<string> Shapes() =>
    [
        "compact",
        "indented",
        "default namespace",
        "other prefixes",
        "declarations on each response",
        "comments and processing instructions",
        "CDATA and references",
        "end tag text inside comment and CDATA",
        "empty responses and unknown children",
        "single quotes and '>' in attributes",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_shape_of_a_listing_reads_as_XDocument_reads_it(string shape)
    {
        var body = Listing(shape, entries: 40);

        var parsed = await ParseAsync(Encoding.UTF8.GetBytes(body), readSize: int.MaxValue);

        Assert.Equal(Oracle(body), parsed.Select(Project));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_body_split_into_reads_of_any_size_reads_the_same(string shape)
    {
        var bytes = Encoding.UTF8.GetBytes(Listing(shape, entries: 6));
        var expected = Oracle(Encoding.UTF8.GetString(bytes));

        foreach (var readSize in new[] { 1, 2, 3, 5, 7, 13, 64, 100, 1000 })
        {
            var parsed = await ParseAsync(bytes, readSize);
            Assert.Equal(expected, parsed.Select(Project));
        }
    }

    [Fact]
    public async Task A_listing_larger_than_the_read_buffer_reads_whole()
    {
        var body = Listing("indented", entries: 600);

        var parsed = await ParseAsync(Encoding.UTF8.GetBytes(body), readSize: 5000);

        Assert.Equal(600, parsed.Count);
        Assert.Equal(Oracle(body), parsed.Select(Project));
    }

    [Fact]
    public async Task A_body_cut_at_any_byte_before_its_end_tag_is_an_XmlException_never_a_shorter_listing()
    {
        var bytes = Encoding.UTF8.GetBytes(Recorded.FolderListing.TrimEnd());

        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            var error = await Record.ExceptionAsync(() => ParseAsync(cut, readSize: 97));
            Assert.True(error is XmlException, $"Cut at {length} of {bytes.Length}: {error?.GetType().Name ?? "no error"}");
        }

        Assert.Equal(2, (await ParseAsync(bytes, readSize: 97)).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Random_damage_gives_an_XmlException_or_an_InvalidDataException_and_nothing_else(bool teamFolder)
    {
        var original = Encoding.UTF8.GetBytes(teamFolder ? Recorded.TeamFolderAclListing : Listing("comments and processing instructions", entries: 3));
        var random = new Random(teamFolder ? 29 : 20261129);
        var symbols = "<>/&;:\"'=!?[]- x\n"u8.ToArray();

        for (var attempt = 0; attempt < 3000; attempt++)
        {
            var error = await Record.ExceptionAsync(() => ParseAsync(Damage.Apply(original, random, symbols), readSize: random.Next(1, 400), teamFolder));
            Assert.True(error is null or XmlException or InvalidDataException, $"Attempt {attempt}: {error}");
        }
    }

    [Theory]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><x:href>/a</x:href></d:response></d:multistatus>", "undeclared prefix")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href></d:response></d:multistatus><d:more/>", "a second root")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"></d:multistatus>trailing text", "text after the root")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><d:multistatus xmlns:d=\"DAV:\"/>", "another encoding")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&#0;</d:href></d:response></d:multistatus>", "a character XML does not allow")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&#xD800;</d:href></d:response></d:multistatus>", "a lone surrogate")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>a & b</d:href></d:response></d:multistatus>", "a bare ampersand")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href></d:response ></d:multistatus >x", "text after the root")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:hre></d:response></d:multistatus>", "a mismatched end tag")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href a>/a</d:href></d:response></d:multistatus>", "an attribute without a value")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response>< d:href>/a</d:href></d:response></d:multistatus>", "a tag without a name")]
    [InlineData("<!-- only a comment -->", "no root element")]
    [InlineData("", "an empty body")]
    public async Task Broken_xml_is_an_XmlException(string body, string why)
    {
        var error = await Record.ExceptionAsync(() => ParseAsync(Encoding.UTF8.GetBytes(body), readSize: int.MaxValue));

        Assert.True(error is XmlException, $"{why}: {error?.GetType().Name ?? "no error"}");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_a_value_are_an_XmlException()
    {
        var body = Encoding.UTF8.GetBytes(Recorded.MultiStatus(Recorded.Response("/remote.php/dav/files/alice/X.txt", 1, folder: false)));
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        await Assert.ThrowsAsync<XmlException>(() => ParseAsync(body, readSize: int.MaxValue));
    }

    [Fact]
    public async Task A_UTF16_body_is_refused_rather_than_misread() =>
        await Assert.ThrowsAsync<XmlException>(() => ParseAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Recorded.FolderListing)).ToArray(), readSize: int.MaxValue));

    [Fact]
    public async Task A_UTF8_byte_order_mark_and_a_declared_UTF8_encoding_are_read()
    {
        var body = Recorded.FolderListing.Replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", StringComparison.Ordinal);

        var parsed = await ParseAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(body)], readSize: 1);

        Assert.Equal(["34", "35"], parsed.Select(resource => resource.FileId));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<d:x>", 70)) + string.Concat(Enumerable.Repeat("</d:x>", 70));
        var body = $"""<d:multistatus {Namespaces}><d:response><d:href>/a</d:href>{deep}</d:response></d:multistatus>""";

        await Assert.ThrowsAsync<XmlException>(() => ParseAsync(Encoding.UTF8.GetBytes(body), readSize: int.MaxValue));
    }

    [Fact]
    public async Task A_single_response_larger_than_the_limit_is_refused_instead_of_filling_memory()
    {
        var huge = new string('a', 33 * 1024 * 1024);
        var body = $"""<d:multistatus {Namespaces}><d:response><d:href>/{huge}</d:href></d:response></d:multistatus>""";

        await Assert.ThrowsAnyAsync<XmlException>(() => ParseAsync(Encoding.UTF8.GetBytes(body), readSize: int.MaxValue));
    }

    [Fact]
    public async Task Character_references_decode_to_the_characters_they_name()
    {
        var body = $"""<d:multistatus {Namespaces}><d:response><d:href>/Gr&#252;&#xDF;e &#x1F351;</d:href><d:propstat><d:prop><oc:owner-display-name>&#65;&amp;&#x42;&apos;</oc:owner-display-name></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>""";

        var resource = Assert.Single(await ParseAsync(Encoding.UTF8.GetBytes(body), readSize: 3));

        Assert.Equal("/Grüße 🍑", resource.Href);
        Assert.Equal("A&B'", resource.OwnerDisplayName);
    }

    [Fact]
    public async Task Cancelling_while_the_body_is_still_arriving_is_a_cancellation_not_a_malformed_body()
    {
        var body = Encoding.UTF8.GetBytes(Recorded.FolderListing);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stream = new PieceStream(body[..(body.AsSpan().IndexOf("</d:response>"u8) + 20)], () => int.MaxValue, stallAtEnd: true);
        var read = new List<DavResource>();

        var parsing = Task.Run(async () =>
        {
            await foreach (var resource in MultiStatusParser.ParseAsync(stream, cancellation.Token))
            {
                read.Add(resource);
            }
        });
        await stream.Stalled.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parsing);
        Assert.Single(read);
    }

    private static async Task<List<DavResource>> ParseAsync(byte[] body, int readSize, bool teamFolderProperties = false)
    {
        var list = new List<DavResource>();
        await foreach (var resource in MultiStatusParser.ParseAsync(PieceStream.OfSize(body, readSize), teamFolderProperties, TestContext.Current.CancellationToken))
        {
            list.Add(resource);
        }

        return list;
    }

    private static Projection Project(DavResource resource) =>
        new(resource.Href, resource.FileId, resource.Size, resource.ContentType, resource.LastModified, resource.Permissions,
            resource.OwnerDisplayName, resource.IsCollection, resource.CreationTime, resource.ETag, resource.Found, resource.Missing);

    /// <summary>What an XDocument reading of the body gives, by the same rules: 2xx propstats count, others mark properties missing.</summary>
    private static List<Projection> Oracle(string body)
    {
        XNamespace d = "DAV:", oc = "http://owncloud.org/ns", nc = "http://nextcloud.org/ns";
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(body), settings);
        var document = XDocument.Load(reader);
        var result = new List<Projection>();
        foreach (var response in document.Root!.Elements(d + "response"))
        {
            var item = new Projection(response.Element(d + "href")?.Value.Trim() ?? string.Empty, null, null, null, null, null, null, false, null, null, DavProperties.None, DavProperties.None);
            foreach (var propstat in response.Elements(d + "propstat"))
            {
                var code = int.Parse(propstat.Element(d + "status")!.Value.Trim().Split(' ')[1], CultureInfo.InvariantCulture);
                foreach (var property in propstat.Elements(d + "prop").Elements())
                {
                    var (flag, apply) = Property(property, d, oc, nc);
                    if (flag == DavProperties.None)
                    {
                        continue;
                    }

                    item = code is >= 200 and < 300
                        ? apply(item) with { Found = item.Found | flag, Missing = item.Missing & ~flag }
                        : item with { Missing = item.Missing | flag };
                }
            }

            result.Add(item);
        }

        return result;
    }

    private static (DavProperties Flag, Func<Projection, Projection> Apply) Property(XElement property, XNamespace d, XNamespace oc, XNamespace nc)
    {
        var value = property.Value;
        long? number = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return property.Name switch
        {
            var n when n == oc + "fileid" => (DavProperties.FileId, p => p with { FileId = value }),
            var n when n == oc + "size" => (DavProperties.Size, p => p with { Size = number }),
            var n when n == oc + "permissions" => (DavProperties.Permissions, p => p with { Permissions = value }),
            var n when n == oc + "owner-display-name" => (DavProperties.OwnerDisplayName, p => p with { Owner = value }),
            var n when n == d + "getcontenttype" => (DavProperties.ContentType, p => p with { ContentType = value }),
            var n when n == d + "getetag" => (DavProperties.ETag, p => p with { ETag = value }),
            var n when n == d + "getlastmodified" => (DavProperties.LastModified, p => p with { LastModified = DateTimeOffset.ParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) }),
            var n when n == d + "resourcetype" => (DavProperties.ResourceType, p => p with { IsCollection = property.Element(d + "collection") is not null }),
            var n when n == nc + "creation_time" => (DavProperties.CreationTime, p => p with { CreationTime = number }),
            _ => (DavProperties.None, p => p),
        };
    }

    /// <summary>A listing in one of the shapes of <see cref="Shapes"/>, with awkward names.</summary>
    private static string Listing(string shape, int entries)
    {
        string[] names = ["Plan ü+#1 %.pdf", "🍑 Pfürsich.txt", "Отчёт 2024.docx", "a+b c (2).md", "Q&A <draft>.txt"];
        var (dav, own, next) = shape switch
        {
            "default namespace" => (string.Empty, "oc:", "nc:"),
            "other prefixes" => ("D:", "O:", "N:"),
            _ => ("d:", "oc:", "nc:"),
        };
        var rootDeclarations = shape switch
        {
            "default namespace" => """xmlns="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns" """,
            "other prefixes" => """xmlns:D="DAV:" xmlns:O="http://owncloud.org/ns" xmlns:N="http://nextcloud.org/ns" """,
            "declarations on each response" => """xmlns:d="DAV:" """,
            "single quotes and '>' in attributes" => """xmlns:d='DAV:' xmlns:oc='http://owncloud.org/ns' xmlns:nc='http://nextcloud.org/ns' data-note="a > b" """,
            _ => Namespaces,
        };
        var newline = shape == "indented" ? "\n    " : string.Empty;
        var builder = new StringBuilder();
        builder.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (shape == "comments and processing instructions")
        {
            builder.Append("<!-- generated --><?php-hint x?>\n");
        }

        builder.Append('<').Append(dav).Append("multistatus ").Append(rootDeclarations).Append('>');
        for (var i = 0; i < entries; i++)
        {
            var folder = i % 4 == 0;
            var name = names[i % names.Length];
            var href = "/remote.php/dav/files/alice/Project%20Docs/" + Uri.EscapeDataString(name) + (folder ? "/" : string.Empty);
            var owner = shape == "CDATA and references" ? "<![CDATA[Q&A ]]>&lt;Team&gt; &#252;" : "Alice Example";
            var comment = shape == "comments and processing instructions" ? "<!-- note --><?pi x?>" : string.Empty;
            var trap = shape == "end tag text inside comment and CDATA" ? $"<!-- </{dav}response> --><{own}note><![CDATA[</{dav}response>]]></{own}note>" : string.Empty;
            var declarations = shape == "declarations on each response" ? """ xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns" """ : string.Empty;
            var extra = shape == "empty responses and unknown children" ? $"<{dav}response/><{own}unknown><{own}deep><{own}fileid>999</{own}fileid></{own}deep></{own}unknown>" : string.Empty;
            var propAttributes = shape == "single quotes and '>' in attributes" ? " title='x > y' " : string.Empty;
            builder.Append(newline).Append(extra).Append('<').Append(dav).Append("response").Append(declarations).Append('>').Append(newline)
                .Append('<').Append(dav).Append("href>").Append(href).Append("</").Append(dav).Append("href>").Append(newline).Append(trap)
                .Append('<').Append(dav).Append("propstat><").Append(dav).Append("prop").Append(propAttributes).Append('>').Append(newline)
                .Append('<').Append(own).Append("fileid>").Append(1000 + i).Append("</").Append(own).Append("fileid>").Append(comment).Append(newline)
                .Append('<').Append(own).Append("size>").Append(i * 7).Append("</").Append(own).Append("size>").Append(newline)
                .Append(folder ? string.Empty : $"<{dav}getcontenttype>application/pdf</{dav}getcontenttype>")
                .Append('<').Append(dav).Append("getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</").Append(dav).Append("getlastmodified>").Append(newline)
                .Append('<').Append(dav).Append("resourcetype>").Append(folder ? $"<{dav}collection/>" : string.Empty).Append("</").Append(dav).Append("resourcetype>")
                .Append('<').Append(dav).Append("getetag>&quot;5d303f8e").Append(i).Append("&quot;</").Append(dav).Append("getetag>")
                .Append('<').Append(own).Append("permissions>").Append(i % 3 == 0 ? "SRGNVW" : "RGDNVW").Append("</").Append(own).Append("permissions>")
                .Append('<').Append(own).Append("owner-display-name>").Append(owner).Append("</").Append(own).Append("owner-display-name>")
                .Append('<').Append(next).Append("creation_time>0</").Append(next).Append("creation_time>").Append(newline)
                .Append("</").Append(dav).Append("prop><").Append(dav).Append("status>HTTP/1.1 200 OK</").Append(dav).Append("status></").Append(dav).Append("propstat>").Append(newline)
                .Append('<').Append(dav).Append("propstat><").Append(dav).Append("prop>").Append(folder ? $"<{dav}getcontenttype/>" : string.Empty)
                .Append('<').Append(next).Append("acl-list/><").Append(own).Append("foo-unknown/></").Append(dav).Append("prop><")
                .Append(dav).Append("status>HTTP/1.1 404 Not Found</").Append(dav).Append("status></").Append(dav).Append("propstat>").Append(newline)
                .Append("</").Append(dav).Append("response>");
        }

        builder.Append('\n').Append("</").Append(dav).Append("multistatus>\n");
        if (shape == "comments and processing instructions")
        {
            builder.Append("<!-- end -->\n");
        }

        return builder.ToString();
    }

    private sealed record Projection(
        string Href, string? FileId, long? Size, string? ContentType, DateTimeOffset? LastModified, string? Permissions,
        string? Owner, bool IsCollection, long? CreationTime, string? ETag, DavProperties Found, DavProperties Missing);
}
