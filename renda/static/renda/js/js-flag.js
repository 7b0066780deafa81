// Styles for pages with scripts hang on <html class="js">: set it before the page is drawn.
document.documentElement.classList.add("js");
