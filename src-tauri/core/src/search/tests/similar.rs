//! Similar cases: earlier answered ones, with their reply.

use super::*;

#[test]
fn similar_cases_are_earlier_answered_ones_with_their_reply() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_if_fresh(&mut store, now()).unwrap();
    let c = store.conn();
    let seed = cases::find_by_external_id(c, "demo:facial-twitching")
        .unwrap()
        .unwrap();
    for new_case in ["demo:numb-hand", "demo:eyelid-zh"] {
        let id = cases::find_by_external_id(c, new_case).unwrap().unwrap();
        let list = similar(c, id, 5).unwrap();
        assert!(list.iter().any(|s| s.id == seed), "{new_case}: {list:?}");
        assert!(list.iter().all(|s| s.id != id));
    }
    let tics = cases::find_by_external_id(c, "demo:facial-tics")
        .unwrap()
        .unwrap();
    // The seed was asked after the tics case, so it is not "earlier".
    assert!(similar(c, tics, 5).unwrap().iter().all(|s| s.id != seed));
    let first = &similar(c, seed, 5).unwrap();
    assert_eq!(first.iter().map(|s| s.id).collect::<Vec<_>>(), vec![tics]);
    assert!(first[0].reply_start.starts_with("It may be due to"));

    let start = starting_reply(c, seed).unwrap();
    assert!(start.body.starts_with("Hello Mr."));
    let numb = cases::find_by_external_id(c, "demo:numb-hand")
        .unwrap()
        .unwrap();
    assert_eq!(
        starting_reply(c, numb).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
}
