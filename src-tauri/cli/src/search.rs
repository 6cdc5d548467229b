//! `casebook-cli search "QUERY"`: the app's search, for scripts.
//!
//! `--json` prints one array of hits; each carries the case's `external_id`
//! (its id in the system it came from, `null` for cases recorded in
//! Casebook) beside Casebook's own `id`, so scripts outside Casebook can
//! match hits to their records.

use casebook_core::search::{self, SearchHit, SearchRequest};
use casebook_core::{cases, Store};
use clap::Args;
use serde::Serialize;

use crate::language::{fail, say};
use crate::output::{errln, outln, Outcome};
use casebook_core::msg;

#[derive(Args)]
pub struct SearchArgs {
    /// What to look for (English or Chinese; all words must match, else any).
    query: String,
    /// How many cases to print at most.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=search::MAX_HITS as i64))]
    limit: u32,
    /// Print the hits as JSON (one array; each hit has `id` and `external_id`)
    /// instead of lines of text.
    #[arg(long)]
    json: bool,
}

/// A hit as `--json` prints it: the app's hit plus the case's external id.
#[derive(Serialize)]
struct JsonHit<'a> {
    external_id: Option<String>,
    #[serde(flatten)]
    hit: &'a SearchHit,
}

pub fn run(store: &Store, args: SearchArgs) -> Outcome {
    let request = SearchRequest {
        query: args.query,
        status: None,
        department: None,
        tag: None,
        asked_from: None,
        asked_to: None,
    };
    let results = search::search(store.conn(), &request, args.limit).map_err(fail)?;
    if args.json {
        let hits = results
            .hits
            .iter()
            .map(|hit| {
                let case = cases::get(store.conn(), hit.id).map_err(fail)?;
                Ok(JsonHit {
                    external_id: case.question.external_id,
                    hit,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let text = serde_json::to_string_pretty(&hits).map_err(|e| e.to_string())?;
        return outln!("{text}");
    }
    for hit in &results.hits {
        let title: String = hit.title.iter().map(|s| s.text.as_str()).collect();
        let snippet: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
        outln!(
            "{}\t{}\t{}\t{}\n\t{}",
            hit.id,
            hit.asked_on,
            hit.status.as_str(),
            title,
            snippet
        )?;
    }
    if results.hits.is_empty() {
        errln!("{}", say(msg!("cli.no_match")));
    }
    Ok(())
}
