//! `casebook-cli search "QUERY"`: the app's search, for scripts.

use casebook_core::search::{self, SearchRequest};
use casebook_core::Store;
use clap::Args;

#[derive(Args)]
pub struct SearchArgs {
    /// What to look for (English or Chinese; all words must match, else any).
    query: String,
    /// How many cases to print at most.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=search::MAX_HITS as i64))]
    limit: u32,
    /// Print the hits as JSON (one array) instead of lines of text.
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: SearchArgs) -> Result<(), String> {
    let request = SearchRequest {
        query: args.query,
        status: None,
        department: None,
        tag: None,
        asked_from: None,
        asked_to: None,
    };
    let results =
        search::search(store.conn(), &request, args.limit).map_err(|e| e.user_message())?;
    if args.json {
        let text = serde_json::to_string_pretty(&results.hits).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    for hit in &results.hits {
        let title: String = hit.title.iter().map(|s| s.text.as_str()).collect();
        let snippet: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
        println!(
            "{}\t{}\t{}\t{}\n\t{}",
            hit.id,
            hit.asked_on,
            hit.status.as_str(),
            title,
            snippet
        );
    }
    if results.hits.is_empty() {
        eprintln!("no cases match");
    }
    Ok(())
}
