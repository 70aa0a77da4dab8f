using System.Text.Json;

namespace PainBilling.Rules.RuleSets;

/// <summary>
/// Collects every problem of one load, so that a maintainer sees them all at once; anything unexpected thrown while
/// reading a file becomes a problem of that file rather than a crash.
/// </summary>
internal sealed class LoadErrors
{
    private readonly List<RuleLoadError> _errors = [];
    private readonly Dictionary<string, string> _contents = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>Remembers a file's text so that errors naming a rule can be given its line.</summary>
    public void Remember(string file, string content) => _contents[file] = content;

    public void Add(RuleLoadError error) => _errors.Add(error);

    public void Add(string file, string? ruleId, string reason) => _errors.Add(new RuleLoadError(file, ruleId, reason));

    public void AddRange(RuleSetLoadException exception) => _errors.AddRange(exception.Errors);

    /// <summary>Runs one step; its problems are recorded and <see langword="false"/> returned instead of throwing.</summary>
    public bool Try(string file, string? ruleId, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (RuleSetLoadException ex)
        {
            AddRange(ex);
            return false;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            Add(file, ruleId, $"could not be read ({ex.GetType().Name}: {ex.Message.Split('\n', 2)[0].Trim()})");
            return false;
        }
    }

    /// <summary>Throws one <see cref="RuleSetLoadException"/> listing every problem, if there are any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new RuleSetLoadException(_errors.Select(Locate).ToArray());
        }
    }

    /// <summary>Gives an error that names a rule but no line the line of that rule's <c>RuleName</c>.</summary>
    private RuleLoadError Locate(RuleLoadError error)
    {
        if (error.LineNumber is not null || error.RuleId is null || !_contents.TryGetValue(error.File, out var content))
        {
            return error;
        }

        var needle = "\"RuleName\": " + JsonSerializer.Serialize(error.RuleId);
        var index = content.IndexOf(needle, StringComparison.Ordinal);
        if (index < 0)
        {
            needle = JsonSerializer.Serialize(error.RuleId);
            index = content.IndexOf(needle, StringComparison.Ordinal);
        }

        if (index < 0)
        {
            return error;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (content[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return error with { LineNumber = line, Column = index - lineStart + 1 };
    }
}
