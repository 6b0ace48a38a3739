using VoiceHelper.Knowledge.Parsing;
using static VoiceHelper.Knowledge.Tests.PdfObjectsFixture;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class PdfStructureTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly DocumentParser _parser = new();

    // Before the checks, PdfPig 0.1.16 overflowed the stack on each of these on a thread-pool thread, where the
    // ingestion grain parses, which ended the process.
    public static TheoryData<string, byte[]> FilesThatOverflowedStack => new()
    {
        { "page resources that refer to each other", Build([.. OnePage("/Resources 6 0 R"), "7 0 R", "6 0 R"]) },
        { "a page tree node that refers to itself", PageTreeLoop("7 0 R", "6 0 R") },
        { "a page tree node that refers to itself behind comments", PageTreeLoop("% comment\n7 0 R", "6 % comment\n0 R") },
        { "two forms that draw each other", Build([.. FormPage(), Form(drawn: 7), Form(drawn: 6)]) },
        { "6,000 nested forms", Build([.. FormPage(), .. FormChain(6000)]) },
    };

    [Theory]
    [MemberData(nameof(FilesThatOverflowedStack))]
    public async Task FileThatOverflowedStack_Throws_ParseError(string kind, byte[] pdf)
    {
        var exception = await Record.ExceptionAsync(() => Task.Run(() => _parser.Parse(pdf, "hostile.pdf")).WaitAsync(StepTimeout));

        var error = Assert.IsType<DocumentParseException>(exception);
        Assert.True(error.Error is DocumentParseError.Corrupt or DocumentParseError.TooComplex,
            $"The file with {kind} gave {error.Error}.");
        Assert.Contains("hostile.pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceLoop_Throws_Corrupt()
    {
        var pdf = Build([.. OnePage("/Resources 6 0 R"), "7 0 R", "8 0 R", "6 0 R"]);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(pdf, "loop.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Equal("document_corrupt", error.Code);
        Assert.Contains("loop of references", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongReferenceChain_Throws_Corrupt()
    {
        var chain = Enumerable.Range(7, 50).Select(number => $"{number} 0 R").Append("<< /Font << /F1 5 0 R >> >>");
        var pdf = Build([.. OnePage("/Resources 6 0 R"), .. chain]);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(pdf, "chain.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Contains("chain of more than 32 references", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortReferenceChain_Parses()
    {
        var pdf = Build([.. OnePage("/Resources 6 0 R"), "7 0 R", "8 0 R", "<< /Font << /F1 5 0 R >> >>"]);

        var document = _parser.Parse(pdf, "chain.pdf");

        Assert.Equal("Hello from the fixture", document.Text);
    }

    // PdfPig reads an object stream's entry that is a bare reference as a number, so the loop only hides the font.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ObjectStreamReferenceLoop_Throws_Corrupt(bool flate)
    {
        var pdf = BuildWithObjectStream(OnePage(resources: "<< /Font << /F1 6 0 R >> >>"), ["7 0 R", "6 0 R"], flate);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(pdf, "compressed.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
    }

    [Fact]
    public void ObjectStreamWithoutLoop_Parses()
    {
        var pdf = BuildWithObjectStream(OnePage(resources: "6 0 R"), ["<< /Font << /F1 5 0 R >> >>"], flate: true);

        var document = _parser.Parse(pdf, "compressed.pdf");

        Assert.Equal("Hello from the fixture", document.Text);
    }

    [Fact]
    public void FormsDrawingEachOther_Throw_Corrupt()
    {
        var pdf = Build([.. FormPage(), Form(drawn: 7), Form(drawn: 8), Form(drawn: 6)]);

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(pdf, "forms.pdf"));

        Assert.Equal(DocumentParseError.Corrupt, error.Error);
        Assert.Contains("loop of forms", error.Message, StringComparison.Ordinal);
    }

    // PdfPig skips a form that draws itself, so such a file still parses.
    [Fact]
    public void FormDrawingItself_Parses()
    {
        var pdf = Build([.. FormPage(), Form(drawn: 6)]);

        var document = _parser.Parse(pdf, "form.pdf");

        // The page and the form write at the same place, so their letters interleave.
        Assert.Equal(DocumentFileType.Pdf, document.FileType);
        Assert.NotEmpty(document.Text);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void NestedFormsAtLimit_Parse_AndOneLevelDeeperThrows(int forms, bool parses)
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfFormNestingDepth = 4 });
        var pdf = Build([.. FormPage(), .. FormChain(forms)]);

        var exception = Record.Exception(() => parser.Parse(pdf, "forms.pdf"));

        if (parses)
        {
            Assert.Null(exception);
        }
        else
        {
            var error = Assert.IsType<DocumentParseException>(exception);
            Assert.Equal(DocumentParseError.TooComplex, error.Error);
            Assert.Contains("Knowledge:Parsing:MaxPdfFormNestingDepth", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TooManyPages_Throws_TooComplex()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxPdfPages = 5 });
        const string Page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
            + "/Resources << /Font << /F1 4 0 R >> >> >>";
        var kids = string.Join(' ', Enumerable.Range(5, 6).Select(number => $"{number} 0 R"));
        var catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        var pdf = Build([catalog, $"<< /Type /Pages /Kids [{kids}] /Count 6 >>", Stream(TextContent), Font, .. Enumerable.Repeat(Page, 6)]);

        var error = Assert.Throws<DocumentParseException>(() => parser.Parse(pdf, "pages.pdf"));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Contains("6 pages", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:MaxPdfPages", error.Message, StringComparison.Ordinal);
    }

    // A page that draws the form numbered 6 as /X.
    private static List<string> FormPage() =>
        OnePage(content: TextContent + " q /X Do Q", resources: "<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>");

    // Forms numbered from 6, each drawing the next; the last draws none.
    private static IEnumerable<string> FormChain(int count) =>
        Enumerable.Range(6, count).Select(number => Form(drawn: number < 5 + count ? number + 1 : null));

    // The page tree's only kid is object 6, whose value and that of object 7 are the given references.
    private static byte[] PageTreeLoop(string object6, string object7)
    {
        var objects = OnePage();
        objects[1] = "<< /Type /Pages /Kids [6 0 R] /Count 1 >>";
        return Build([.. objects, object6, object7]);
    }
}
