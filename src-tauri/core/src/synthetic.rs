//! Synthetic cases for benchmarks and scale tests: deterministic (the same
//! seed gives the same cases on every machine), realistic in length and
//! vocabulary (patient questions of a few sentences, replies of a few
//! paragraphs), one case in five written in Traditional Chinese with English
//! terms mixed in, as in the seed. [`jsonl`] writes them as interchange
//! JSON Lines for the benchmarks. Not part of the product: compiled for the
//! core's own tests and benches, and for others only with the `synthetic`
//! feature.

use chrono::{Days, NaiveDate};

use crate::cases::{CaseStatus, Sex};
use crate::interchange::{CaseRecord, QuestionRecord, ReplyRecord};

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const DEPARTMENTS: &[&str] = &[
    "Neurology",
    "Family Medicine",
    "Cardiology",
    "Dermatology",
    "Gastroenterology",
    "Ophthalmology",
    "Otolaryngology",
    "Pediatrics",
    "Psychiatry",
    "Orthopedics",
];
const SYMPTOMS: &[&str] = &[
    "facial twitching",
    "eyelid twitching",
    "headache",
    "migraine",
    "dizziness",
    "chest pain",
    "palpitations",
    "shortness of breath",
    "back pain",
    "knee pain",
    "numbness in my hand",
    "tingling in my feet",
    "a rash on my arm",
    "itchy skin",
    "stomach ache",
    "heartburn",
    "nausea",
    "diarrhea",
    "constipation",
    "blurred vision",
    "dry eyes",
    "ringing in my ears",
    "a sore throat",
    "a persistent cough",
    "insomnia",
    "anxiety",
    "fatigue",
    "hand tremor",
    "muscle cramps",
    "joint swelling",
    "high blood pressure",
    "low blood sugar",
    "hair loss",
    "night sweats",
    "fever",
];
const DURATIONS: &[&str] = &[
    "for two days",
    "for about a week",
    "for three weeks",
    "since last month",
    "for several months",
    "on and off for a year",
    "since yesterday morning",
];
const TRIGGERS: &[&str] = &[
    "after drinking coffee",
    "when I am stressed at work",
    "at night",
    "after exercise",
    "when I look at my phone for a long time",
    "after meals",
    "when I stand up quickly",
    "in cold weather",
    "after starting a new medication",
];
const QUESTIONS: &[&str] = &[
    "Should I see a specialist, or can I wait and observe?",
    "Is this something serious?",
    "What tests would you recommend?",
    "Could this be related to my diet or sleep?",
    "Is it safe to keep taking over-the-counter painkillers?",
    "Do I need to go to the emergency room?",
];
const ADVICE: &[&str] = &[
    "Most cases like this improve with rest, hydration and less caffeine.",
    "Please keep a diary of when the symptoms occur and what you were doing.",
    "If the symptoms worsen, spread, or you notice weakness, please come to the clinic promptly.",
    "A physical examination and basic blood tests can rule out common causes such as anemia or thyroid problems.",
    "Avoid taking painkillers more than ten days a month, as this can cause rebound headaches.",
    "Regular sleep, moderate exercise and stress management often help considerably.",
    "Imaging is usually not needed at first unless there are warning signs.",
    "Your family physician can refer you to the appropriate specialist if needed.",
];
const ZH_SYMPTOMS: &[&str] = &[
    "面部抽搐",
    "眼皮跳",
    "頭痛",
    "偏頭痛",
    "頭暈",
    "胸悶",
    "心悸",
    "喘不過氣",
    "腰痠背痛",
    "膝蓋痛",
    "手麻",
    "腳底刺痛",
    "皮膚紅疹",
    "皮膚癢",
    "胃痛",
    "胃食道逆流",
    "噁心",
    "腹瀉",
    "便秘",
    "視力模糊",
    "眼睛乾澀",
    "耳鳴",
    "喉嚨痛",
    "久咳不癒",
    "失眠",
    "焦慮",
    "疲倦",
    "手抖",
    "抽筋",
    "關節腫脹",
    "高血壓",
    "掉髮",
    "盜汗",
    "發燒",
];
const ZH_CONTEXT: &[&str] = &[
    "最近兩個星期",
    "這幾天",
    "大約一個月來",
    "半年多了",
    "從上週開始",
    "每天早上",
];
const ZH_TRIGGERS: &[&str] = &[
    "尤其是喝完咖啡之後",
    "晚上滑手機的時候更明顯",
    "工作壓力大的時候",
    "運動後",
    "吃完飯以後",
    "天氣變冷的時候",
];
const ZH_QUESTIONS: &[&str] = &[
    "請問需要去神經內科檢查嗎？",
    "請問這樣嚴重嗎？",
    "需要抽血檢查嗎？",
    "還是先多休息觀察就好？",
    "請問該掛哪一科？",
];
const ZH_ADVICE: &[&str] = &[
    "建議您減少咖啡因攝取，保持充足睡眠與水分。",
    "若症狀持續超過兩週或合併無力、麻木，請盡快至門診評估。",
    "可以先記錄症狀發生的時間與情境，回診時提供給醫師參考。",
    "必要時會安排抽血檢查甲狀腺功能與電解質。",
    "規律運動與放鬆技巧對改善症狀很有幫助。",
];
const ASKERS: &[&str] = &[
    "A Tian",
    "M. Huang",
    "林小姐",
    "陳先生",
    "王太太",
    "J. Smith",
    "K. Lee",
];

/// Case number `index` of the synthetic set `seed`.
pub fn case(seed: u64, index: u64) -> CaseRecord {
    let mut rng = Rng(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
    let chinese = rng.chance(20);
    let department = rng.pick(DEPARTMENTS);
    let (title, body, tags, reply) = if chinese {
        let symptom = rng.pick(ZH_SYMPTOMS);
        let other = rng.pick(ZH_SYMPTOMS);
        let title = format!(
            "{}{}，{}",
            rng.pick(ZH_CONTEXT),
            symptom,
            rng.pick(ZH_QUESTIONS)
        );
        let mut body = String::from("醫師您好：\n");
        for _ in 0..2 + rng.below(3) {
            body.push_str(&format!(
                "{}{}一直有{}的情形，{}，偶爾也會{}。",
                rng.pick(ZH_CONTEXT),
                if rng.chance(30) { "我" } else { "" },
                symptom,
                rng.pick(ZH_TRIGGERS),
                other
            ));
        }
        body.push_str(&format!(
            "\nBP {}/{} mmHg. {}\n謝謝醫師。",
            110 + rng.below(40),
            70 + rng.below(20),
            rng.pick(ZH_QUESTIONS)
        ));
        let mut reply = format!("您好：您提到「{symptom}」的情形。");
        for _ in 0..4 + rng.below(4) {
            reply.push_str(rng.pick(ZH_ADVICE));
        }
        reply.push_str("\n祝您健康平安。");
        (
            title,
            body,
            vec![symptom.to_string(), other.to_string()],
            reply,
        )
    } else {
        let symptom = rng.pick(SYMPTOMS);
        let other = rng.pick(SYMPTOMS);
        let title = format!("{} {}", capitalize(symptom), rng.pick(TRIGGERS));
        let mut body = format!(
            "Doctor, I have had {symptom} {} and it is worse {}.",
            rng.pick(DURATIONS),
            rng.pick(TRIGGERS)
        );
        for _ in 0..1 + rng.below(4) {
            body.push_str(&format!(
                " I also noticed {other} {}, and I {}.",
                rng.pick(DURATIONS),
                rng.pick(&[
                    "sleep about five hours a night",
                    "drink three cups of coffee a day",
                    "work at a computer all day",
                    "recently changed jobs",
                    "take vitamins every morning",
                ])
            ));
        }
        body.push_str(&format!(" {} Thank you.", rng.pick(QUESTIONS)));
        let mut reply = format!("Hello, you mentioned {symptom} {}. ", rng.pick(TRIGGERS));
        for _ in 0..5 + rng.below(6) {
            reply.push_str(rng.pick(ADVICE));
            reply.push(' ');
        }
        reply.push_str("Wishing you good health.");
        (
            title,
            body,
            vec![capitalize(symptom), capitalize(other)],
            reply,
        )
    };
    let asked_on = NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(rng.below(2500) as u64))
        .unwrap();
    let answered = rng.chance(70);
    let mut tags = tags;
    tags.dedup();
    CaseRecord {
        external_id: Some(format!("synthetic:{seed}:{index}")),
        status: Some(if answered {
            CaseStatus::Answered
        } else {
            CaseStatus::New
        }),
        question: QuestionRecord {
            title,
            body,
            asker: Some(rng.pick(ASKERS).to_string()),
            sex: Some([Sex::Female, Sex::Male, Sex::Unspecified][rng.below(3)]),
            age_range: Some(crate::cases::AGE_RANGES[rng.below(9)].to_string()),
            asked_on: asked_on.to_string(),
            department: Some(department.to_string()),
            tags,
            source: Some("synthetic".into()),
        },
        reply: answered.then(|| ReplyRecord {
            body: reply,
            clinician: Some("Dr. Example".into()),
            affiliation: Some("Casebook Synthetic Clinic".into()),
            signature: None,
            replied_on: Some(asked_on.to_string()),
            more_info: None,
        }),
        follow_ups: Vec::new(),
        addenda: Vec::new(),
    }
}

/// `count` cases of the synthetic set `seed`, as interchange JSON Lines.
pub fn jsonl(seed: u64, count: u64) -> String {
    let mut out = String::new();
    for i in 0..count {
        out.push_str(&serde_json::to_string(&case(seed, i)).expect("a case serializes"));
        out.push('\n');
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_cases_and_about_a_fifth_are_chinese() {
        assert_eq!(case(7, 42), case(7, 42));
        assert_ne!(case(7, 42), case(8, 42));
        let chinese = (0..1000)
            .filter(|i| case(1, *i).question.body.contains("醫師"))
            .count();
        assert!((150..250).contains(&chinese), "{chinese}");
    }

    #[test]
    fn generated_cases_import_cleanly() {
        let mut store = crate::Store::open_in_memory().unwrap();
        let now = crate::testing::now();
        let now = crate::Now {
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            ..now
        };
        let report =
            crate::import::import_jsonl(&mut store, jsonl(3, 200).as_bytes(), now).unwrap();
        assert!(report.invalid.is_empty(), "{:?}", report.invalid);
        assert_eq!(report.imported, 200);
    }
}
