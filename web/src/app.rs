//! The app's root component: add a cooperative, list them, keep them across reloads.

use leptos::prelude::*;
use taawun_core::{Lang, reference::ReferenceData, registry::Registry};

use crate::storage::{self, StorageError};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load_registry();
    let (problem, set_problem) = signal(match &loaded {
        Err(e) => Some(describe(e)),
        Ok(_) => None,
    });
    // Never write over stored data that could not be read: saving stays off until reload.
    let can_save = loaded.is_ok();
    let registry = RwSignal::new(loaded.ok().flatten().unwrap_or_default());
    let name = RwSignal::new(String::new());
    let reference = StoredValue::new(ReferenceData::builtin());
    let first_commune = reference.with_value(|r| r.selectable_communes().next().map(|c| c.code.clone()).unwrap_or_default());
    let commune = RwSignal::new(first_commune);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = storage::new_id() else {
            set_problem.set(Some("no random generator: cannot create a record".into()));
            return;
        };
        let mut next: Registry = registry.get_untracked();
        let added = reference.with_value(|r| next.add(id, &name.get_untracked(), &commune.get_untracked(), r));
        match added {
            Err(e) => set_problem.set(Some(e.to_string())),
            Ok(()) => {
                let saved = if can_save { storage::save_registry(&next) } else { Err(StorageError::Unavailable) };
                set_problem.set(saved.err().map(|e| format!("not saved: {}", describe(&e))));
                registry.set(next);
                name.set(String::new());
            }
        }
    };

    view! {
        <main>
            <h1>"Taawun"</h1>
            <Show when=move || problem.get().is_some()>
                <p class="banner" role="alert" id="problem">{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <form id="add-cooperative" on:submit=add>
                <label>"Nom" <input id="coop-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label>"Commune"
                    <select id="coop-commune" on:change=move |ev| commune.set(event_target_value(&ev))>
                        {reference.with_value(|r| {
                            r.selectable_communes()
                                .map(|c| view! { <option value=c.code.clone()>{c.name(Lang::Fr).to_owned()}</option> })
                                .collect_view()
                        })}
                    </select>
                </label>
                <button id="coop-add" type="submit">"Ajouter"</button>
            </form>
            <ul id="cooperatives">
                <For each=move || registry.get().cooperatives key=|c| c.id.clone() let:c>
                    <li class="cooperative"><bdi>{c.name.clone()}</bdi>" — "{reference.with_value(|r| commune_name(r, &c.commune))}</li>
                </For>
            </ul>
        </main>
    }
}

fn commune_name(reference: &ReferenceData, code: &str) -> String {
    reference.commune(code).map_or_else(|| code.to_owned(), |c| c.name(Lang::Fr).to_owned())
}

fn describe(error: &StorageError) -> String {
    match error {
        StorageError::Unavailable => "storage unavailable".into(),
        StorageError::QuotaExceeded => "storage full".into(),
        StorageError::Unreadable(why) => format!("stored data unreadable: {why}"),
        StorageError::Other(why) => why.clone(),
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_form_offers_every_commune_of_the_prefecture() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        leptos::mount::mount_to(host.clone().unchecked_into(), App).forget();
        let options = host.query_selector_all("#coop-commune option").unwrap();
        assert_eq!(options.length() as usize, ReferenceData::builtin().selectable_communes().count());
        assert!(host.query_selector("#coop-add").unwrap().is_some());
    }
}
