using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Script;

/// <summary>
/// The default script writer: deterministic and offline. A hook section (the title and why it
/// matters), one section per article section (its heading, or a paragraph group), and a summary;
/// the listener opens each section and reacts, the explainer speaks the article's own sentences
/// cut into subtitle-sized lines. Body sections are added while the estimated spoken length
/// (<see cref="DurationEstimate"/>) stays within the request; the hook and summary always stay.
/// Japanese lines get kana readings from MeCab, in one process for the whole script.
/// </summary>
public sealed class OfflineScriptWriter(MecabReader reader) : IScriptWriter
{
    private const int MaxSentencesPerSection = 8;
    private const int MinSentencesPerSection = 2;
    private const int LinesBetweenReactions = 3;
    private const int MaxRecapPoints = 5;

    public OfflineScriptWriter(PipelineOptions options)
        : this(MecabReader.From(options))
    {
    }

    public async Task<VideoScript> WriteAsync(Article article, ScriptRequest request, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StepProgress(PipelineStep.Script, 0, 3));
        var language = article.Language == "ja" ? "ja" : "en";
        var templates = DialogueTemplates.For(language);
        var drafts = Drafts(article, templates);

        // Every line any selection can produce is in the full script: read them all at once.
        var full = Compose(article, drafts.Select(d => (d, d.Sentences.Count)).ToList(), templates, language);
        var readings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (language == "ja")
        {
            var lines = full.Sections.SelectMany(s => s.Narrations).Select(n => n.Text).Distinct().ToList();
            var read = await reader.ReadAsync(lines, ct);
            for (var i = 0; i < lines.Count; i++)
            {
                readings[lines[i]] = read[i];
            }
        }

        progress?.Report(new StepProgress(PipelineStep.Script, 1, 3));

        var chosen = new List<(SectionDraft Draft, int Sentences)>();
        foreach (var draft in drafts)
        {
            ct.ThrowIfCancellationRequested();
            var fitted = false;
            for (var n = draft.Sentences.Count; n >= Math.Min(MinSentencesPerSection, draft.Sentences.Count); n--)
            {
                var trial = Compose(article, [.. chosen, (draft, n)], templates, language);
                ApplyReadings(trial, readings);
                if (DurationEstimate.Of(trial, language) <= request.MaxDuration)
                {
                    chosen.Add((draft, n));
                    fitted = true;
                    break;
                }
            }

            if (!fitted)
            {
                break;
            }
        }

        progress?.Report(new StepProgress(PipelineStep.Script, 2, 3));
        var script = Compose(article, chosen, templates, language);
        ApplyReadings(script, readings);
        if (language == "ja")
        {
            await ScriptReadings.FillAsync(script, reader, ct);
        }

        progress?.Report(new StepProgress(PipelineStep.Script, 3, 3));
        return script;
    }

    /// <summary>A body section candidate: its sentences ranked so that the first n make the best
    /// short version (each paragraph's opening sentence first).</summary>
    private sealed record SectionDraft(string Title, bool HasHeading, IReadOnlyList<RankedSentence> Sentences, string? ImageUrl)
    {
        public IReadOnlyList<string> Take(int count) =>
            Sentences.OrderBy(s => s.Rank).Take(count).OrderBy(s => s.Order).Select(s => s.Text).ToList();
    }

    private sealed record RankedSentence(string Text, int Order, int Rank);

    private static List<SectionDraft> Drafts(Article article, DialogueTemplates templates)
    {
        var drafts = new List<SectionDraft>();
        foreach (var section in article.Sections)
        {
            var sentences = section.Paragraphs
                .SelectMany((p, pi) => NarrationLines.Sentences(p).Select((s, si) => (Text: s, Paragraph: pi, Index: si)))
                .Where(s => s.Text.Count(char.IsLetterOrDigit) >= 4)
                .Select((s, order) => (s.Text, Order: order, Key: (s.Index, s.Paragraph)))
                .OrderBy(s => s.Key.Index).ThenBy(s => s.Key.Paragraph)
                .Take(MaxSentencesPerSection)
                .Select((s, rank) => new RankedSentence(s.Text, s.Order, rank))
                .ToList();
            if (sentences.Count == 0)
            {
                continue;
            }

            var hasHeading = !string.IsNullOrWhiteSpace(section.Heading);
            var isIntroduction = !hasHeading && drafts.Count == 0 && article.Sections.Any(s => !string.IsNullOrWhiteSpace(s.Heading));
            var title = hasHeading ? section.Heading!
                : isIntroduction ? templates.IntroductionTitle
                : templates.UntitledSection(drafts.Count + 1);
            drafts.Add(new SectionDraft(title, hasHeading, sentences, section.ImageUrl));
        }

        return drafts;
    }

    private static VideoScript Compose(Article article, IReadOnlyList<(SectionDraft Draft, int Sentences)> chosen,
        DialogueTemplates t, string language)
    {
        var explainer = Personas.Metan.Id;
        var listener = Personas.Zundamon.Id;
        var title = string.IsNullOrWhiteSpace(article.Title) ? t.UntitledArticle : article.Title.Trim();
        var allSentences = article.Sections.SelectMany(s => s.Paragraphs).SelectMany(NarrationLines.Sentences).ToList();
        var descriptionSentences = (article.Description is { Length: > 0 } d ? NarrationLines.Sentences(d) : allSentences)
            .Take(2).ToList();

        var bodies = chosen.Select((c, i) => (c.Draft, Sentences: c.Draft.Take(c.Sentences), Index: i)).ToList();
        var bodyKeyPoints = bodies.Select(b => KeyPoints([.. b.Sentences, .. b.Draft.Sentences.OrderBy(s => s.Order).Select(s => s.Text)], language)).ToList();
        // The opening's agenda and the summary recall the sections by the headings the viewer saw
        // as slide titles. An introduction before the first heading is no point of its own: its
        // first sentence cut to a main clause was a fragment ("世界で最も広く使われている
        // データベースのひとつです") among headings. Only an article with fewer than two headings
        // is recalled by each section's first whole idea ("Introduction" is a label, not a point).
        var headed = bodies.Where(b => b.Draft.HasHeading).Select(b => b.Draft.Title).ToList();
        var byHeadings = headed.Count >= 2;
        var recap = (byHeadings ? headed : bodies.Select(b => b.Draft.HasHeading ? b.Draft.Title : bodyKeyPoints[b.Index].FirstOrDefault()))
            .Take(MaxRecapPoints)
            .OfType<string>()
            .ToList();

        var hook = new ScriptSection
        {
            Title = title,
            KeyPoints = recap.Count > 0 ? recap.Select(r => Phrase(r, language)).ToList() : KeyPoints(descriptionSentences, language),
            SourceImageUrl = article.Images.FirstOrDefault()?.Url,
        };
        Say(hook, listener, t.HookQuestion, language);
        Say(hook, explainer, t.HookIntro(title), language);
        if (descriptionSentences.Count > 0)
        {
            Say(hook, listener, t.WhyItMatters, language);
            foreach (var sentence in descriptionSentences)
            {
                Say(hook, explainer, sentence, language);
            }
        }

        Say(hook, listener, t.HookLead, language);

        var sections = new List<ScriptSection> { hook };
        var reactions = new ListenerReactions(t, title);
        foreach (var (draft, sentences, index) in bodies)
        {
            var section = new ScriptSection
            {
                Title = draft.Title,
                KeyPoints = bodyKeyPoints[index],
                SourceImageUrl = draft.ImageUrl,
            };
            Say(section, listener, draft.HasHeading
                ? Pick(t.OpenersWithHeading, index)(draft.Title)
                : Pick(t.OpenersWithoutHeading, index), language);

            reactions.Heard(draft.Title);
            var sinceReaction = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                // Before a line that brings in a new term, the listener asks what it is.
                if (i > 0 && sinceReaction >= 2 && reactions.AskAbout(sentences[i]) is { } question)
                {
                    Say(section, listener, question, language);
                    sinceReaction = 0;
                }

                sinceReaction += Say(section, explainer, sentences[i], language);
                reactions.Heard(sentences[i]);
                // A number is echoed right after it is said; otherwise the listener reacts every few lines.
                if ((sinceReaction >= LinesBetweenReactions || (sinceReaction >= 1 && reactions.HasNewNumber(sentences[i]))) && i < sentences.Count - 1)
                {
                    Say(section, listener, reactions.React(sentences[i], (index * 13) + i), language);
                    sinceReaction = 0;
                }
            }

            if (sentences.Count >= 3 && reactions.SumUp(bodyKeyPoints[index], index, NarrationLines.MaxLength(language)) is { } sumUp)
            {
                Say(section, listener, sumUp, language);
            }

            sections.Add(section);
        }

        var summary = new ScriptSection { Title = t.SummaryTitle, KeyPoints = recap.Select(r => Phrase(r, language)).ToList() };
        Say(summary, listener, t.SummaryQuestion, language);
        Say(summary, explainer, t.SummaryIntro(title), language);
        if (recap.Count > 0)
        {
            // Headings are named as titles ("First, \"Who keeps a copy\"."), ideas said as sentences.
            Say(summary, explainer, byHeadings ? t.RecapTopicsLead : t.RecapLead, language);
            for (var i = 0; i < recap.Count; i++)
            {
                Say(summary, explainer, byHeadings ? t.RecapTopic(i, recap[i].Trim()) : t.Recap(i, TrimEnd(recap[i])), language);
            }
        }

        Say(summary, explainer, t.Thanks, language);
        Say(summary, listener, t.Goodbye, language);
        sections.Add(summary);

        return new VideoScript
        {
            Title = title,
            Description = article.Description ?? allSentences.FirstOrDefault() ?? "",
            Sections = sections,
            RoleAssignments =
            [
                new RoleAssignment { PersonaId = explainer, Role = "explainer", Description = t.ExplainerRole },
                new RoleAssignment { PersonaId = listener, Role = "listener", Description = t.ListenerRole },
            ],
        };
    }

    // The first variant opens the first body section ("まずは…"); the others rotate after it.
    private static T Pick<T>(IReadOnlyList<T> variants, int index) =>
        index == 0 ? variants[0] : variants[1 + ((index - 1) % (variants.Count - 1))];

    private static int Say(ScriptSection section, string persona, string text, string language)
    {
        var lines = NarrationLines.Split(text, language);
        foreach (var line in lines)
        {
            section.Narrations.Add(new Narration { Text = line, PersonaId = persona });
        }

        return lines.Count;
    }

    private static void ApplyReadings(VideoScript script, Dictionary<string, string> readings)
    {
        foreach (var narration in script.Sections.SelectMany(s => s.Narrations))
        {
            narration.Reading = readings.GetValueOrDefault(narration.Text, "");
        }
    }

    /// <summary>3–5 slide lines from a section's sentences, each a whole idea (<see cref="Slides.KeyPoints.Whole"/>).</summary>
    internal static List<string> KeyPoints(IReadOnlyList<string> sentences, string language) =>
        Slides.KeyPoints.FromSentences(sentences, language);

    /// <summary>A recap point: the heading, or a whole idea of the sentence.</summary>
    internal static string Phrase(string sentence, string language) =>
        Slides.KeyPoints.Whole(sentence, language) ?? TrimEnd(sentence.Trim());

    private static string TrimEnd(string text) => text.TrimEnd('。', '．', '.', '！', '!', '？', '?', ' ', '、', ',');
}
