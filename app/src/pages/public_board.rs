//! `/public`: the public board (公开件). Server rendered, plain GET filter form and pager, no
//! WASM: replied cases whose reporters agreed to publication, text redacted or edited by staff.
use crate::api::board::public_board;
use crate::i18n::use_locale;
use crate::model::board::{BoardItem, BoardPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PublicBoardPage() -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let board = Resource::new(
        move || {
            (
                param("category"),
                param("district"),
                param("month"),
                param("page").parse::<u32>().unwrap_or(0),
            )
        },
        |(category, district, month, page)| public_board(category, district, month, page),
    );
    view! {
        <Title text=f.board_title/>
        <section class="card">
            <h1>{f.board_title}</h1>
            <p class="muted">{f.board_intro}</p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{locale.texts().loading}</p> }>
            {move || board.get().map(|result| match result {
                Ok(page) => view! { <Board page param_category=param("category") param_district=param("district") param_month=param("month")/> }.into_any(),
                Err(e) => view! { <p class="alert error" role="alert" data-testid="board-error">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Board(
    page: BoardPage,
    param_category: String,
    param_district: String,
    param_month: String,
) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    let link = {
        let (c, d, m) = (
            param_category.clone(),
            param_district.clone(),
            param_month.clone(),
        );
        move |p: u32| {
            crate::routes::Page::PublicBoard.with(&[
                ("category", &c),
                ("district", &d),
                ("month", &m),
                ("page", &p.to_string()),
            ])
        }
    };
    view! {
        <form method="get" action=crate::routes::Page::PublicBoard.path() class="card filters" data-testid="board-filters">
            <label class="field">
                <span class="label">{locale.texts().category}</span>
                <select name="category" data-testid="filter-category">
                    <option value="">{f.filter_all}</option>
                    {page.categories.iter().map(|(code, name)| view! {
                        <option value=code.clone() selected=*code == param_category>
                            {if code.contains('.') { format!("　{}", name.get(locale)) } else { name.get(locale).to_string() }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="label">{locale.texts().district}</span>
                <select name="district" data-testid="filter-district">
                    <option value="">{f.filter_all}</option>
                    {page.districts.iter().map(|(code, name)| view! {
                        <option value=code.clone() selected=*code == param_district>{name.get(locale).to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="label">{locale.texts().month}</span>
                <input type="month" name="month" value=param_month.clone() data-testid="filter-month"/>
            </label>
            <button type="submit" class="button">{f.filter_apply}</button>
        </form>
        <p class="muted" data-testid="board-total">{page.total}{f.board_count}</p>
        {if page.items.is_empty() {
            view! { <p class="card muted" data-testid="board-empty">{f.board_empty}</p> }.into_any()
        } else {
            view! {
                <ol class="board" data-testid="board">
                    {page.items.into_iter().map(|item| view! { <Item item/> }).collect_view()}
                </ol>
            }.into_any()
        }}
        <nav class="pager">
            {(page.page > 0).then(|| view! { <a href=link(page.page - 1) data-testid="board-prev">{locale.texts().prev_page}</a> })}
            {page.has_more.then(|| view! { <a href=link(page.page + 1) data-testid="board-next">{locale.texts().next_page}</a> })}
        </nav>
    }
}

#[component]
fn Item(item: BoardItem) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    view! {
        <li class="card board-item" id=format!("case-{}", item.id) data-testid="board-item">
            <p class="muted">
                {item.category.get(locale).to_string()}" · "{item.district.get(locale).to_string()}" "{item.street.get(locale).to_string()}
            </p>
            <h3>{f.board_request}</h3>
            <p data-testid="board-request">{item.request}</p>
            {(!item.photos.is_empty()).then(|| view! {
                <ul class="thumbs">
                    {item.photos.iter().map(|p| view! {
                        <li><img src=p.thumb_url.clone() alt="" loading="lazy" width="160" height="120"/></li>
                    }).collect_view()}
                </ul>
            })}
            <h3>{f.board_reply}</h3>
            <blockquote class="reply" data-testid="board-reply">{item.reply}</blockquote>
            <p class="muted">
                {f.board_submitted}" "{locale.datetime(item.submitted_at)}" · "{f.board_replied}" "{locale.datetime(item.replied_at)}
                {(item.supporters > 0).then(|| format!(" · {}{}", item.supporters, f.supporters))}
            </p>
        </li>
    }
}
