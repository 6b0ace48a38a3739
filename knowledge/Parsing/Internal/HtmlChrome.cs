using AngleSharp.Dom;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Recognizes the parts of an HTML page that are site chrome rather than content: navigation, banners,
/// scripts, and the navigation tables and contents lists that DocBook's XSL stylesheets generate (the
/// PostgreSQL manual, for one).
/// </summary>
internal static class HtmlChrome
{
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "noscript", "template", "nav", "footer", "svg", "canvas",
        "iframe", "object", "embed", "button", "select", "input", "textarea", "dialog",
    };

    private static readonly HashSet<string> ChromeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar",
    };

    // DocBook XSL: navheader and navfooter hold the Prev/Up/Home/Next tables, toc and list-of-* the contents
    // lists. Sphinx: headerlink is the pilcrow after each heading, related the navigation bar.
    private static readonly HashSet<string> ChromeClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        "navheader", "navfooter", "toc", "list-of-tables", "list-of-figures", "list-of-examples",
        "list-of-equations", "list-of-procedures", "headerlink", "related", "breadcrumb", "breadcrumbs",
        "skip-link", "sphinxsidebar",
    };

    // DocBook writes the label of a note or warning as a heading inside the admonition's div.
    private static readonly HashSet<string> AdmonitionClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        "note", "tip", "warning", "caution", "important", "admonition",
    };

    private static readonly HashSet<string> SectioningElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "main", "section",
    };

    /// <summary>Returns whether <paramref name="element"/> and everything in it should be left out.</summary>
    public static bool IsChrome(IElement element)
    {
        if (SkippedElements.Contains(element.LocalName) || element.HasAttribute("hidden"))
        {
            return true;
        }

        if (element.GetAttribute("aria-hidden") == "true" || ChromeRoles.Contains(element.GetAttribute("role") ?? ""))
        {
            return true;
        }

        if (element.ClassList.Any(ChromeClasses.Contains))
        {
            return true;
        }

        // A page's header is a banner, but a header inside an article or section contains that section's heading.
        return element.LocalName == "header" && !HasSectioningAncestor(element);
    }

    /// <summary>Returns whether a heading element is the label of an admonition rather than a section title.</summary>
    public static bool IsAdmonitionLabel(IElement heading) =>
        heading.ParentElement is { } parent && parent.ClassList.Any(AdmonitionClasses.Contains);

    /// <summary>
    /// Returns whether a heading is the title of a DocBook reference page (such as <c>CREATE INDEX</c>), which
    /// DocBook writes at the same level as the page's sections (Synopsis, Description) although it contains them.
    /// </summary>
    public static bool IsReferencePageTitle(IElement heading) =>
        heading.ParentElement is { } parent && parent.ClassList.Contains("refnamediv");

    private static bool HasSectioningAncestor(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (SectioningElements.Contains(parent.LocalName))
            {
                return true;
            }
        }

        return false;
    }
}
