import Foundation

/// The "for the count, for form" flags (chạy theo số lượng, hình thức) of a "Dân vận khéo"
/// model: computed from its records each time they are shown, never typed, so a flag clears
/// as soon as its reason goes.
public enum ModelFlag: String, Sendable, CaseIterable, Codable {
    /// No goal with an indicator and a target above zero (không có tiêu chí đo được).
    case noMeasurableGoal = "no_goal"
    /// The evaluation date has passed and no result was reported by it.
    case noResult = "no_result"
    /// Neither the model nor a result changed in the last N months.
    case stale
    /// Its content is nearly the same as another running model's of the same year.
    case nearDuplicate = "duplicate"
}

/// A raised flag and what raised it: the days and the other model it names, for its reason.
public struct ModelFlagHit: Sendable, Equatable {
    public var flag: ModelFlag
    /// The day the reason is dated by (the evaluation date; the last update).
    public var day: CivilDate?
    /// The model it resembles, and how much (0…1).
    public var other: String?
    public var similarity: Double?

    public init(flag: ModelFlag, day: CivilDate? = nil, other: String? = nil, similarity: Double? = nil) {
        self.flag = flag
        self.day = day
        self.other = other
        self.similarity = similarity
    }
}

/// What the flags of one model are computed from.
public struct ModelFacts: Sendable {
    public var id: String
    /// Goals as (indicator, target).
    public var goals: [(indicator: String, target: Double)]
    public var evaluationOn: CivilDate?
    /// The days its results were reported on.
    public var resultDays: [CivilDate]
    /// The last day the model or one of its results changed.
    public var lastUpdate: CivilDate
    /// Stopped models are not flagged stale.
    public var stopped: Bool
    /// Name, situation, goals, method, folded (what two copies of one model share).
    public var text: String

    public init(id: String, goals: [(indicator: String, target: Double)], evaluationOn: CivilDate?, resultDays: [CivilDate], lastUpdate: CivilDate,
                stopped: Bool, text: String) {
        self.id = id
        self.goals = goals
        self.evaluationOn = evaluationOn
        self.resultDays = resultDays
        self.lastUpdate = lastUpdate
        self.stopped = stopped
        self.text = text
    }
}

/// The settings the flags read (`DANVAN_MODEL_STALE_MONTHS`, `DANVAN_MODEL_SIMILARITY`).
public struct ModelFlagSettings: Sendable, Equatable {
    /// "No update in N months".
    public var staleMonths: Int
    /// Similarity (0…1) from which two models are near-duplicates.
    public var similarity: Double

    public init(staleMonths: Int = 6, similarity: Double = 0.8) {
        self.staleMonths = staleMonths
        self.similarity = similarity
    }
}

public enum ModelFlags {
    /// A goal is measurable when it names an indicator and a target above zero.
    public static func isMeasurable(indicator: String, target: Double) -> Bool {
        !indicator.trimmingCharacters(in: .whitespaces).isEmpty && target > 0
    }

    /// The day `months` months before `day` (the end of a shorter month when the day does not exist).
    public static func monthsBefore(_ day: CivilDate, months: Int) -> CivilDate {
        let index = day.year * 12 + (day.month - 1) - months
        let year = index / 12, month = index % 12 + 1
        return CivilDate(year: year, month: month, day: min(day.day, CivilDate.daysInMonth(year: year, month: month)))!
    }

    /// The flags of each model of a set, on a day: the near-duplicate flag compares each model
    /// with the others of the set (the models of one year under one unit).
    public static func flags(_ models: [ModelFacts], today: CivilDate, settings: ModelFlagSettings, names: [String: String] = [:]) -> [String: [ModelFlagHit]] {
        var result: [String: [ModelFlagHit]] = [:]
        let staleBefore = monthsBefore(today, months: settings.staleMonths)
        for model in models {
            var hits: [ModelFlagHit] = []
            if !model.goals.contains(where: { isMeasurable(indicator: $0.indicator, target: $0.target) }) { hits.append(ModelFlagHit(flag: .noMeasurableGoal)) }
            if let due = model.evaluationOn, due < today, !model.resultDays.contains(where: { $0 <= due }) {
                hits.append(ModelFlagHit(flag: .noResult, day: due))
            }
            if !model.stopped, model.lastUpdate < staleBefore { hits.append(ModelFlagHit(flag: .stale, day: model.lastUpdate)) }
            result[model.id] = hits
        }
        // A stopped model is no longer counted: neither flagged nor a reason to flag another.
        for (id, match) in nearDuplicates(models.filter { !$0.stopped }.map { ($0.id, $0.text) }, threshold: settings.similarity) {
            result[id, default: []].append(ModelFlagHit(flag: .nearDuplicate, other: match.other, similarity: match.similarity))
        }
        return result
    }

    // MARK: Similarity

    /// The word pairs (shingles) of a folded text: what two texts share when one was copied
    /// from the other with a few words changed.
    public static func shingles(_ folded: String) -> Set<String> {
        let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard words.count > 1 else { return Set(words) }
        return Set((0..<(words.count - 1)).map { words[$0] + " " + words[$0 + 1] })
    }

    /// The Jaccard similarity of two texts' shingles (0: nothing shared, 1: the same words in the same order).
    public static func similarity(_ a: String, _ b: String) -> Double {
        jaccard(shingles(a), shingles(b))
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        let shared = a.intersection(b).count
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// For each text that has a near-duplicate (similarity ≥ threshold) among the others, the
    /// most similar one. Candidates come from an index of shingles, so a set of thousands is
    /// compared without comparing every pair.
    public static func nearDuplicates(_ texts: [(id: String, text: String)], threshold: Double) -> [String: (other: String, similarity: Double)] {
        let sets = texts.map { shingles($0.text) }
        var index: [String: [Int]] = [:]
        for (i, set) in sets.enumerated() { for shingle in set { index[shingle, default: []].append(i) } }
        var result: [String: (other: String, similarity: Double)] = [:]
        for (i, set) in sets.enumerated() where set.count >= 3 {
            var shared: [Int: Int] = [:]
            for shingle in set { for j in index[shingle] ?? [] where j != i { shared[j, default: 0] += 1 } }
            var best: (Int, Double)?
            for (j, count) in shared {
                // The Jaccard bound: shared / larger set; skip pairs that cannot reach the threshold.
                guard Double(count) / Double(max(set.count, sets[j].count)) >= threshold else { continue }
                let value = Double(count) / Double(set.count + sets[j].count - count)
                if value >= threshold, value > (best?.1 ?? 0) || (value == best?.1 && texts[j].id < texts[best!.0].id) { best = (j, value) }
            }
            if let best { result[texts[i].id] = (texts[best.0].id, best.1) }
        }
        return result
    }
}

/// A number as typed in Vietnamese: `1.635`, `85,5`, `811` (dots group thousands, the comma
/// marks decimals); nil for anything else.
public enum VietnameseNumber {
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
              trimmed.filter({ $0 == "," }).count <= 1 else { return nil }
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        let whole = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard !whole[0].isEmpty, whole.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        if parts.count == 2 && parts[1].isEmpty { return nil }
        return Double(whole.joined() + (parts.count == 2 ? "." + parts[1] : ""))
    }
}
